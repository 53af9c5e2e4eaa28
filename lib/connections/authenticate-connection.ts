// "Connect now" and "Reauthenticate": check the credentials with the connector's schema and its
// own `validate` (a Production connection needs Production credentials, SPEC §3 rule 3), then
// test them and store them encrypted with the outcome, in one write. A refusal (invalid form,
// `validate` says no) changes nothing: the previous credentials and status stay.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, type Connection, type Environment } from "@/db/schema";
import { auditConnectionEvent } from "@/lib/audit/connection-events";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { connectorContext } from "@/lib/connections/connection-context";
import { getConnection, type ConnectionView } from "@/lib/connections/connection-view";
import { authOfConnection, connectionOfAccount } from "@/lib/connections/find-connection";
import { encryptJson } from "@/lib/connections/secrets";
import { readableCredentials } from "@/lib/connections/stored-credentials";
import { runConnectionTest, testColumns, type TestOutcome } from "@/lib/connections/test-connection";
import { ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";

export type AuthenticateResult = { connection: ConnectionView; test: TestOutcome };

/**
 * On reauthentication a secret field left empty (the form shows "••••") keeps its stored value;
 * every other field is taken as sent. Stored values that no longer decrypt keep nothing.
 */
function withStoredSecrets(input: Record<string, unknown>, stored: Record<string, unknown> | null, secretKeys: string[]): Record<string, unknown> {
  if (!stored) return input;
  const merged = { ...input };
  for (const key of secretKeys) {
    if ((merged[key] === undefined || merged[key] === "") && stored[key] !== undefined) merged[key] = stored[key];
  }
  return merged;
}

/** Stores credentials that passed `validate`, after testing them. Returns the test outcome. */
export async function storeCredentials(actor: Actor, connection: Connection, environment: Environment, credentials: unknown): Promise<TestOutcome> {
  const { connector } = authOfConnection(connection);
  const outcome = await runConnectionTest(connection, connectorContext(connector, environment, credentials, connection.id));
  const now = Date.now();
  getDb()
    .update(connections)
    .set({ credentials: encryptJson(credentials, connection.id), authenticatedAt: now, authenticatedBy: actor.userId, ...testColumns(outcome, now) })
    .where(eq(connections.id, connection.id))
    .run();
  auditConnectionEvent(actor, "connection.authenticated", connection, environment, outcome);
  return outcome;
}

export async function authenticateConnection(actor: Actor, connectionId: string, input: unknown): Promise<AuthenticateResult> {
  requireRole(actor, "builder", "authenticate connections");
  const { connection, environment } = connectionOfAccount(actor, connectionId);
  const { connector, auth } = authOfConnection(connection);
  if (connection.oauthAppId !== null || auth.kind === "oauth2") {
    throw new ValidationError(`"${connection.name}" signs in through its OAuth app: use Connect now, which opens the provider's sign-in page.`);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new ValidationError("Send the connection's fields.");
  const secretKeys = auth.fields.filter((field) => field.secret).map((field) => field.key);
  const merged = withStoredSecrets(input as Record<string, unknown>, readableCredentials(connection), secretKeys);
  const credentials = parseOrThrow(auth.schema, merged);
  // Throws a ConnectorError (with fieldErrors when it can point at a field): nothing is stored.
  await auth.validate?.(connectorContext(connector, environment, credentials, connection.id));
  const test = await storeCredentials(actor, connection, environment, credentials);
  return { connection: getConnection(actor, connectionId), test };
}
