// "Test connection" (SPEC §3 rule 4): really calls the system with the stored credentials and
// records the result and the time. The status follows: Connected when the test passes (or there
// was nothing to check), Failed with the reason when not, Reauthentication required when the
// connector says the credentials are no longer accepted.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, type Connection, type ConnectionStatus, type Environment } from "@/db/schema";
import { auditConnectionEvent } from "@/lib/audit/connection-events";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { storedConnectionContext } from "@/lib/connections/connection-context";
import { connectionSecrets, redactSecrets } from "@/lib/connections/redact";
import { authOfConnection, connectionOfAccount } from "@/lib/connections/find-connection";
import { UnreadableCredentialsError } from "@/lib/connections/stored-credentials";
import { ConnectorError, ReauthenticationRequiredError, type ConnectionContext } from "@/lib/connectors/framework";
import { ConflictError } from "@/lib/errors";

export type TestOutcome = {
  /** null: there was nothing to call, so nothing was checked (e.g. no Test URL). */
  ok: boolean | null;
  message: string;
  /** The failure may pass by itself (network, timeout, 429, 5xx). */
  transient: boolean;
  status: ConnectionStatus;
};

/** What the connector's test says; never throws for a failed test, only reports it. */
async function verdict(connection: Pick<Connection, "connectorKey">, context: ConnectionContext<unknown>): Promise<TestOutcome> {
  const { auth } = authOfConnection(connection);
  try {
    const result = await auth.test(context);
    return { ok: result.checked === false ? null : true, message: result.message, transient: false, status: "connected" };
  } catch (error) {
    if (error instanceof ReauthenticationRequiredError) return { ok: false, message: error.message, transient: false, status: "reauthentication_required" };
    if (error instanceof ConnectorError) return { ok: false, message: error.message, transient: error.transient, status: "failed" };
    // A bug, not a verdict on the credentials. Its text may quote what it was given: log the
    // kind only, and show a message that says where to look.
    console.error(`Connection test of a ${connection.connectorKey} connection threw ${(error as Error)?.name ?? "an error"}.`);
    return { ok: false, message: "The test failed unexpectedly; the server log has the details.", transient: false, status: "failed" };
  }
}

/** Runs the connector's test; the message, shown and kept, holds none of the credentials a remote may have repeated. */
export async function runConnectionTest(connection: Pick<Connection, "id" | "connectorKey">, context: ConnectionContext<unknown>): Promise<TestOutcome> {
  const outcome = await verdict(connection, context);
  const { connector } = authOfConnection(connection);
  return { ...outcome, message: redactSecrets(outcome.message, connectionSecrets(connector, context, connection.id)) };
}

/** The columns a test outcome writes. */
export function testColumns(outcome: TestOutcome, now: number) {
  return {
    status: outcome.status,
    statusMessage: outcome.status === "connected" ? null : outcome.message,
    lastTestedAt: now,
    lastTestOk: outcome.ok,
    lastTestMessage: outcome.message,
    updatedAt: now,
  };
}

/** The test of stored credentials; credentials that no longer decrypt need reauthentication, untested. */
async function testStoredCredentials(connection: Connection, environment: Environment): Promise<TestOutcome> {
  const { connector } = authOfConnection(connection);
  let context: ConnectionContext<unknown> | null;
  try {
    context = storedConnectionContext(connector, connection, environment);
  } catch (error) {
    if (!(error instanceof UnreadableCredentialsError)) throw error;
    return { ok: false, message: error.message, transient: false, status: "reauthentication_required" };
  }
  if (!context) throw new ConflictError("This connection has not been authenticated yet: use Connect now first.");
  return runConnectionTest(connection, context);
}

/** Tests a stored connection and records the outcome (also used by scheduled health checks). */
export async function testStoredConnection(connection: Connection, environment: Environment): Promise<TestOutcome> {
  const outcome = await testStoredCredentials(connection, environment);
  getDb().update(connections).set(testColumns(outcome, Date.now())).where(eq(connections.id, connection.id)).run();
  return outcome;
}

/** The Test connection button. Builders and admins (a test calls the outside system). */
export async function testConnection(actor: Actor, connectionId: string): Promise<TestOutcome> {
  requireRole(actor, "builder", "test connections");
  const { connection, environment } = connectionOfAccount(actor, connectionId);
  const outcome = await testStoredConnection(connection, environment);
  auditConnectionEvent(actor, "connection.tested", connection, environment, outcome);
  return outcome;
}
