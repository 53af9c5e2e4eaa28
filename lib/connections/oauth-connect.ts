// "Connect now" and "Reauthenticate" for connections that sign in through an OAuth app: `begin`
// sends the browser to the provider with a sealed record of the attempt, `finish` takes the
// provider's answer at /api/oauth/callback. The route handlers only move cookies and redirects.
// The same rules as the form path apply: builders and admins of the connection's account, and
// a refusal (state mismatch, access denied, a refused code) changes nothing stored.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, type Connection } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { publicUrl } from "@/lib/config";
import { getConnection, type ConnectionView } from "@/lib/connections/connection-view";
import { connectionOfAccount } from "@/lib/connections/find-connection";
import { resolveOAuthApp } from "@/lib/connections/oauth-apps";
import {
  PENDING_AUTHORIZATION_COOKIE,
  pendingAuthorizationCookieOptions,
  sealPendingAuthorization,
  unsealPendingAuthorization,
} from "@/lib/connections/oauth-state";
import { tokenColumns, withTokenLock } from "@/lib/connections/oauth-tokens";
import { testStoredConnection, type TestOutcome } from "@/lib/connections/test-connection";
import { completeAuthorization, startAuthorization, type OAuthTokens } from "@/lib/connectors/oauth2/flow";
import { createConnectorFetch } from "@/lib/connectors/outbound";
import { AppError, ValidationError } from "@/lib/errors";

const OAUTH_CALLBACK_PATH = "/api/oauth/callback";
/** Where the browser goes back to when the attempt's own return address cannot be read. */
export const FALLBACK_RETURN_TO = "/apps";

/** The redirect URI to register at the provider; the same in the authorize request and the code exchange. */
export function oauthRedirectUri(): string {
  return `${publicUrl().origin}${OAUTH_CALLBACK_PATH}`;
}

export type BeganAuthorization = {
  authorizationUrl: string;
  cookie: { name: string; value: string; options: ReturnType<typeof pendingAuthorizationCookieOptions> };
};

export type FinishedAuthorization =
  | { ok: true; returnTo: string; connection: ConnectionView; test: TestOutcome }
  | { ok: false; returnTo: string; message: string };

function oauthConnectionOf(actor: Actor, connectionId: string) {
  requireRole(actor, "builder", "authenticate connections");
  const { connection, environment } = connectionOfAccount(actor, connectionId);
  if (connection.oauthAppId === null) {
    throw new ValidationError(`"${connection.name}" does not sign in through an OAuth app: authenticate it with its form.`);
  }
  return { connection, environment, app: resolveOAuthApp(environment.accountId, connection.oauthAppId) };
}

/** The provider's authorize URL, and the sealed cookie that must come back with its answer. */
export async function beginOAuthConnection(actor: Actor, input: { connectionId: string; returnTo: string }): Promise<BeganAuthorization> {
  const { connection, app } = oauthConnectionOf(actor, input.connectionId);
  const pending = await startAuthorization({ authorizeUrl: app.server.authorizeUrl, clientId: app.client.clientId, scopes: app.scopes, redirectUri: oauthRedirectUri() });
  const value = await sealPendingAuthorization({ connectionId: connection.id, state: pending.state, codeVerifier: pending.codeVerifier, returnTo: input.returnTo });
  return { authorizationUrl: pending.url, cookie: { name: PENDING_AUTHORIZATION_COOKIE, value, options: pendingAuthorizationCookieOptions() } };
}

/** Stores the new tokens as the connection's credentials, with who signed in and when. */
async function storeSignIn(actor: Actor, connection: Connection, tokens: OAuthTokens): Promise<void> {
  // Under the token lock: a refresh of the previous tokens finishing now must not overwrite these.
  await withTokenLock(connection.id, async () => {
    const columns = { ...tokenColumns(connection.id, tokens), status: "connected" as const, statusMessage: null, authenticatedAt: Date.now(), authenticatedBy: actor.userId };
    getDb().update(connections).set(columns).where(eq(connections.id, connection.id)).run();
  });
}

/** A message for the page; an unexpected error is logged by kind only (its text may quote secrets). */
export function failureMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error(`Connect now failed with ${(error as Error)?.name ?? "an error"}.`);
  return "Signing in failed unexpectedly; the server log has the details.";
}

/**
 * The provider's answer (`callbackUrl`) to the attempt sealed in `sealedState`: on success the
 * tokens are stored encrypted, the connection is Connected and then tested. Never throws: every
 * failure comes back as a message for the page the attempt started from.
 */
export async function finishOAuthConnection(actor: Actor | null, input: { sealedState: string | undefined; callbackUrl: URL }): Promise<FinishedAuthorization> {
  let pending: Awaited<ReturnType<typeof unsealPendingAuthorization>>;
  try {
    pending = await unsealPendingAuthorization(input.sealedState);
  } catch (error) {
    return { ok: false, returnTo: FALLBACK_RETURN_TO, message: failureMessage(error) };
  }
  const { returnTo } = pending;
  if (!actor) return { ok: false, returnTo, message: "You were signed out before the provider sent you back: sign in, then use Connect now again." };
  try {
    const { connection, environment, app } = oauthConnectionOf(actor, pending.connectionId);
    const tokens = await completeAuthorization({
      server: app.server,
      client: app.client,
      redirectUri: oauthRedirectUri(),
      callbackUrl: input.callbackUrl,
      expectedState: pending.state,
      codeVerifier: pending.codeVerifier,
      fetch: createConnectorFetch(),
    });
    await storeSignIn(actor, connection, tokens);
    const test = await testStoredConnection(connectionOfAccount(actor, connection.id).connection, environment);
    return { ok: true, returnTo, connection: getConnection(actor, connection.id), test };
  } catch (error) {
    return { ok: false, returnTo, message: failureMessage(error) };
  }
}

/**
 * Where the browser goes after Connect now: the page it started from with `?oauth=connected`, or
 * `?oauth_error=<message>` (also when signing in worked but the connection test then failed).
 */
export function oauthReturnUrl(returnTo: string, outcome: { error: string } | "connected"): URL {
  const url = new URL(returnTo, publicUrl().origin);
  url.searchParams.delete("oauth");
  url.searchParams.delete("oauth_error");
  if (outcome === "connected") url.searchParams.set("oauth", "connected");
  else url.searchParams.set("oauth_error", outcome.error);
  return url;
}

export function finishedReturnUrl(result: FinishedAuthorization): URL {
  if (!result.ok) return oauthReturnUrl(result.returnTo, { error: result.message });
  if (result.test.status === "connected") return oauthReturnUrl(result.returnTo, "connected");
  return oauthReturnUrl(result.returnTo, { error: `Signed in, but the connection test failed: ${result.test.message}` });
}
