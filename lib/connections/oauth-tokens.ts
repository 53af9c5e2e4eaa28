// The tokens of a connection that signs in through an OAuth app: stored encrypted in its
// `credentials`, and refreshed one caller at a time. Providers that rotate refresh tokens accept
// each one once, so two refreshes racing would spend it twice and lose the connection: every
// refresh and every write of new tokens holds the connection's lock, and a caller that waited
// uses the tokens the one before it stored instead of refreshing again.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { connections, type Connection } from "@/db/schema";
import { markReauthenticationRequired } from "@/lib/connections/mark-reauthentication-required";
import type { ResolvedOAuthApp } from "@/lib/connections/oauth-apps";
import { encryptJson } from "@/lib/connections/secrets";
import { decryptCredentials } from "@/lib/connections/stored-credentials";
import { ReauthenticationRequiredError } from "@/lib/connectors/framework";
import { needsRefresh, refreshTokens, type OAuthTokens } from "@/lib/connectors/oauth2/flow";
import { createConnectorFetch } from "@/lib/connectors/outbound";

const tokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  tokenType: z.string(),
  scope: z.string().nullable(),
  expiresAt: z.number().nullable(),
});

export type OAuthConnection = Pick<Connection, "id" | "name" | "environmentId">;

/** The skew `needsRefresh` uses by default: a token due within a minute is refreshed first. */
const REFRESH_AHEAD_MS = 60_000;

// On globalThis: route handlers and the scheduler (instrumentation) are separate bundles of one
// process, and a lock per bundle would let them race.
const globalForLocks = globalThis as unknown as { __oauthTokenLocks?: Map<string, Promise<void>> };

/** Runs `fn` after every earlier holder of the connection's lock has finished. */
export async function withTokenLock<T>(connectionId: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalForLocks.__oauthTokenLocks ??= new Map());
  const previous = locks.get(connectionId) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  locks.set(connectionId, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(connectionId) === tail) locks.delete(connectionId);
  }
}

/** The stored tokens, decrypted; null when the connection has not been signed in yet. */
export function readTokens(connectionId: string): OAuthTokens | null {
  const row = getDb().select({ name: connections.name, credentials: connections.credentials }).from(connections).where(eq(connections.id, connectionId)).get();
  return row?.credentials ? tokensSchema.parse(decryptCredentials({ id: connectionId, name: row.name, credentials: row.credentials })) : null;
}

/** Encrypted, bound to the connection's ID; call it holding the lock. */
export function tokenColumns(connectionId: string, tokens: OAuthTokens) {
  return { credentials: encryptJson(tokensSchema.parse(tokens), connectionId), updatedAt: Date.now() };
}

export function storedTokensOrThrow(connection: OAuthConnection): OAuthTokens {
  const tokens = readTokens(connection.id);
  if (!tokens) throw new ReauthenticationRequiredError(`The connection "${connection.name}" has not been signed in yet: use Connect now.`);
  return tokens;
}

/**
 * Refreshes the connection's tokens unless, while this caller waited for the lock, another one
 * already replaced the tokens it `saw` with some not due within `dueWithinMs`. Stores the new
 * tokens before releasing the lock, so a rotated refresh token is never lost.
 */
export function refreshStoredTokens(connection: OAuthConnection, app: ResolvedOAuthApp, seen: OAuthTokens, dueWithinMs = REFRESH_AHEAD_MS): Promise<OAuthTokens> {
  return withTokenLock(connection.id, async () => {
    const stored = storedTokensOrThrow(connection);
    if (stored.accessToken !== seen.accessToken && !needsRefresh(stored, Date.now(), dueWithinMs)) return stored;
    if (stored.refreshToken === null) {
      throw new ReauthenticationRequiredError("The access token expired and the provider gave no refresh token; reauthenticate the connection.");
    }
    const fresh = await refreshTokens({ server: app.server, client: app.client, refreshToken: stored.refreshToken, fetch: createConnectorFetch() });
    // A refresh response without `scope` means the scope did not change (RFC 6749 §5.1).
    const tokens = { ...fresh, scope: fresh.scope ?? stored.scope };
    getDb().update(connections).set(tokenColumns(connection.id, tokens)).where(eq(connections.id, connection.id)).run();
    return tokens;
  });
}

/**
 * Runs `fn`; when the provider no longer accepts the connection (a refused refresh, no refresh
 * token), marks it "Reauthentication required" with the reason before the error goes on.
 */
export async function markedOnRefusal<T>(connection: OAuthConnection, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ReauthenticationRequiredError) {
      markReauthenticationRequired({ environmentId: connection.environmentId, connectionIds: [connection.id] }, error.message);
    }
    throw error;
  }
}
