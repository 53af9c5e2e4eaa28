// Deleting a connection: only while no integration uses it, so no step is left pointing nowhere.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { connectionOfAccount } from "@/lib/connections/find-connection";
import { usedInCount } from "@/lib/connections/usage";
import { ConflictError } from "@/lib/errors";

export function deleteConnection(actor: Actor, connectionId: string): void {
  requireRole(actor, "builder", "delete connections");
  const { connection } = connectionOfAccount(actor, connectionId);
  const used = usedInCount(connection.id);
  if (used > 0) {
    throw new ConflictError(`"${connection.name}" is used in ${used} integration${used === 1 ? "" : "s"}: change those first, then delete it.`);
  }
  getDb().delete(connections).where(eq(connections.id, connection.id)).run();
}
