// A connection as seen by an actor: only their account's, else "not found" (never "forbidden":
// another account's IDs must not be told apart from IDs that do not exist).
import { and, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { connections, environments, type Connection, type Environment } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Connector } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { AppError, NotFoundError } from "@/lib/errors";

export function connectionOfAccount(actor: Pick<Actor, "accountId">, connectionId: string): { connection: Connection; environment: Environment } {
  const row = getDb()
    .select({ connection: connections, environment: environments })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(and(eq(connections.id, connectionId), eq(environments.accountId, actor.accountId)))
    .get();
  if (!row) throw new NotFoundError("The connection");
  return row;
}

/** A connection of one environment (the engine's and the webhook endpoint's look-up), read with `db`. */
export function connectionInEnvironment(connectionId: string, environmentId: string, db: Db | Tx = getDb()): Connection | undefined {
  return db.select().from(connections).where(and(eq(connections.id, connectionId), eq(connections.environmentId, environmentId))).get();
}

/** The connector of a connection, with the credentials form it authenticates with. */
export function authOfConnection(connection: Pick<Connection, "connectorKey">) {
  const connector = getConnector(connection.connectorKey);
  if (!connector) throw new AppError("bad_request", `The connector "${connection.connectorKey}" is not available on this instance.`);
  const auth = connector.auth;
  if (auth.kind === "none") throw new AppError("bad_request", `${connector.name} needs no connection.`);
  return { connector: connector as Connector<unknown>, auth };
}
