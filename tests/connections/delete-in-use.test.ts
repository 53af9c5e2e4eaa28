import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections } from "@/db/schema";
import { createConnection } from "@/lib/connections/create-connection";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { ConflictError } from "@/lib/errors";
import { errorOf, newAccount } from "../support/fixtures";

// Integrations do not exist yet; this stands in for two integrations using the connection.
vi.mock("@/lib/connections/usage", () => ({ usedInCount: () => 2 }));

describe("deleting a connection in use", () => {
  it("is refused with the number of integrations that use it, and the connection stays", async () => {
    const { admin } = await newAccount();
    const connection = createConnection(admin, { name: "Shared", connectorKey: "http", environment: "production" });
    expect(connection.usedInCount).toBe(2);
    const error = await errorOf(() => deleteConnection(admin, connection.id));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('"Shared" is used in 2 integrations: change those first, then delete it.');
    expect(getDb().select().from(connections).where(eq(connections.id, connection.id)).get()).toBeDefined();
  });
});
