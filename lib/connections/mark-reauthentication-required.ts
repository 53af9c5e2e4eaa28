// SPEC §3 rule 2: after every deployment every Production connection is "Reauthentication
// required". Deploy calls this (inside its own transaction, after checking its actor). Stored
// credentials are kept, so Reauthenticate can keep a secret left empty.
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { connections } from "@/db/schema";

export const DEPLOYED_MESSAGE = "A new version was deployed: authenticate this connection again with Production credentials.";

/**
 * Marks every connection of the environment, or only `connectionIds` among them (IDs of another
 * environment are ignored). Returns how many were marked.
 */
export function markReauthenticationRequired(
  target: { environmentId: string; connectionIds?: string[] },
  message: string = DEPLOYED_MESSAGE,
  db: Db | Tx = getDb(),
): number {
  if (target.connectionIds?.length === 0) return 0;
  const scope = and(
    eq(connections.environmentId, target.environmentId),
    target.connectionIds ? inArray(connections.id, target.connectionIds) : undefined,
  );
  return db.update(connections).set({ status: "reauthentication_required", statusMessage: message, updatedAt: Date.now() }).where(scope).run().changes;
}

/**
 * A run's step was refused by the system with this connection's credentials (a revoked key, a
 * changed password): a connection still marked Connected becomes "Reauthentication required"
 * with the refusal as its reason, so the Connections tab says what to do. Returns whether it changed.
 */
export function markRefusedInRun(connectionId: string, environmentId: string, reason: string): boolean {
  return (
    getDb()
      .update(connections)
      .set({ status: "reauthentication_required", statusMessage: `A run was refused: ${reason}`, updatedAt: Date.now() })
      .where(and(eq(connections.id, connectionId), eq(connections.environmentId, environmentId), eq(connections.status, "connected")))
      .run().changes > 0
  );
}
