// What a connector gets for a connection signed in through an OAuth app (`ctx.oauth`): a fetch
// that carries a fresh access token, and a way to refresh ahead of time. Also the sweep the
// scheduler runs to refresh tokens before they expire, so an idle connection stays signed in.
import { and, eq, isNotNull, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, environments } from "@/db/schema";
import { resolveOAuthApp } from "@/lib/connections/oauth-apps";
import { markedOnRefusal, readTokens, refreshStoredTokens, storedTokensOrThrow, type OAuthConnection } from "@/lib/connections/oauth-tokens";
import { ConnectorError, ReauthenticationRequiredError, type ConnectorFetch, type OAuthAccess } from "@/lib/connectors/framework";
import { needsRefresh, withFreshToken } from "@/lib/connectors/oauth2/flow";

function withBearer(headers: HeadersInit | undefined, accessToken: string): Headers {
  const merged = new Headers(headers);
  merged.set("Authorization", `Bearer ${accessToken}`);
  return merged;
}

/** `ctx.oauth` of a connection of `accountId`; `resourceFetch` is the connector's guarded fetch. */
export function oauthAccessFor(connection: OAuthConnection & { oauthAppId: string }, accountId: string, resourceFetch: ConnectorFetch): OAuthAccess {
  const app = () => resolveOAuthApp(accountId, connection.oauthAppId);
  return {
    app: () => {
      const { name, testUrl } = app();
      return { name, testUrl };
    },
    fetch: (url, init) =>
      markedOnRefusal(connection, () => {
        const tokens = storedTokensOrThrow(connection);
        const resolved = app();
        return withFreshToken(
          tokens,
          {
            refresh: () => refreshStoredTokens(connection, resolved, tokens),
            // refreshStoredTokens stored them already, inside the lock, before they are used.
            onTokens: async () => {},
          },
          (accessToken) => resourceFetch(url, { ...init, headers: withBearer(init?.headers, accessToken) }),
        );
      }),
    ensureFreshToken: ({ force = false } = {}) =>
      markedOnRefusal(connection, async () => {
        const tokens = storedTokensOrThrow(connection);
        const expired = tokens.expiresAt !== null && tokens.expiresAt <= Date.now();
        // Without a refresh token, an unexpired token is still worth using (as withFreshToken does).
        if (!(force || needsRefresh(tokens)) || (tokens.refreshToken === null && !expired)) return { expiresAt: tokens.expiresAt, refreshed: false };
        return { expiresAt: (await refreshStoredTokens(connection, app(), tokens)).expiresAt, refreshed: true };
      }),
  };
}

export type RefreshReport = {
  refreshed: string[];
  /** Connections the provider no longer accepts: now "Reauthentication required". */
  reauthenticationRequired: string[];
  /** Failures that may pass (network, 5xx): the connection keeps its status and is tried next time. */
  failed: { connectionId: string; message: string }[];
};

/**
 * Refreshes the tokens of every signed-in OAuth connection whose access token expires within
 * `withinMs`, one connection at a time. Connections already "Reauthentication required" are left
 * alone: a person has to sign in again, and retrying a refused refresh token changes nothing.
 */
export async function refreshExpiringTokens(withinMs: number): Promise<RefreshReport> {
  const report: RefreshReport = { refreshed: [], reauthenticationRequired: [], failed: [] };
  const candidates = getDb()
    .select({ id: connections.id, name: connections.name, environmentId: connections.environmentId, oauthAppId: connections.oauthAppId, accountId: environments.accountId })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(and(isNotNull(connections.oauthAppId), isNotNull(connections.credentials), ne(connections.status, "reauthentication_required")))
    .all();
  for (const connection of candidates) {
    try {
      const tokens = readTokens(connection.id);
      if (!tokens?.refreshToken || !needsRefresh(tokens, Date.now(), withinMs)) continue;
      await markedOnRefusal(connection, () => refreshStoredTokens(connection, resolveOAuthApp(connection.accountId, connection.oauthAppId!), tokens, withinMs));
      report.refreshed.push(connection.id);
    } catch (error) {
      if (error instanceof ReauthenticationRequiredError) report.reauthenticationRequired.push(connection.id);
      else if (error instanceof ConnectorError) report.failed.push({ connectionId: connection.id, message: error.message });
      else {
        // One broken row must not stop the sweep; its text may quote what it was given, so log the kind only.
        console.error(`Refreshing the tokens of connection ${connection.id} threw ${(error as Error)?.name ?? "an error"}.`);
        report.failed.push({ connectionId: connection.id, message: "The refresh failed unexpectedly; the server log has the details." });
      }
    }
  }
  return report;
}
