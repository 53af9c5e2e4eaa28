// OAuth 2.0 app registrations (client ID and secret at one provider) that an account's connections
// sign in through. Admins manage their account's apps; every role lists them (builders choose one
// for a new connection); OAUTH_APPS adds read-only ones for every account. Views never carry the
// client secret; `resolveOAuthApp` decrypts it for the sign-in and refresh calls only.
import { and, count, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, environments, oauthClients, type OAuthClient } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { changedOAuthAppSchema, newOAuthAppSchema, type OAuthAppInput, type OAuthAppView } from "@/lib/connections/oauth-app-schema";
import { environmentOAuthApps, isEnvironmentAppId, type EnvironmentOAuthApp } from "@/lib/connections/oauth-apps-from-env";
import { decryptSecret, encryptSecret } from "@/lib/connections/secrets";
import { ConnectorError } from "@/lib/connectors/framework";
import type { OAuthClientConfig, OAuthServerConfig } from "@/lib/connectors/oauth2/flow";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { randomId } from "@/lib/ids";
import { parseOrThrow } from "@/lib/validation";

/** An app ready for the OAuth flow: the client secret decrypted. Stays inside lib/. */
export type ResolvedOAuthApp = {
  id: string;
  name: string;
  server: OAuthServerConfig;
  client: OAuthClientConfig;
  scopes: string[];
  testUrl: string | null;
};

// The row's ID is authenticated data: a secret copied onto another app's row does not decrypt.
const secretContext = (id: string) => `oauth_client:${id}`;

/** How many of the account's connections use each app. */
function usageCounts(accountId: string): Map<string, number> {
  const rows = getDb()
    .select({ appId: connections.oauthAppId, n: count() })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(and(eq(environments.accountId, accountId), isNotNull(connections.oauthAppId)))
    .groupBy(connections.oauthAppId)
    .all();
  return new Map(rows.map((row) => [row.appId!, row.n]));
}

type AppSettings = Omit<OAuthAppView, "id" | "source" | "usedByCount" | "secretSet">;

/** The settings of a parsed input, a row or an OAUTH_APPS app, in one shape (absent optionals are null). */
function settingsOf(app: Omit<OAuthAppInput, "clientSecret"> | OAuthClient): AppSettings {
  return {
    name: app.name,
    authorizeUrl: app.authorizeUrl,
    tokenUrl: app.tokenUrl,
    scopes: app.scopes,
    clientId: app.clientId,
    issuer: app.issuer ?? null,
    authMethod: app.authMethod,
    testUrl: app.testUrl ?? null,
  };
}

function accountApps(accountId: string): OAuthClient[] {
  return getDb().select().from(oauthClients).where(eq(oauthClients.accountId, accountId)).all();
}

function accountApp(accountId: string, id: string): OAuthClient | undefined {
  return getDb().select().from(oauthClients).where(and(eq(oauthClients.id, id), eq(oauthClients.accountId, accountId))).get();
}

function environmentApp(id: string): EnvironmentOAuthApp | undefined {
  return environmentOAuthApps().apps.find((app) => app.id === id);
}

/** The account's apps and those of OAUTH_APPS, by name. Every role may list them. */
export function listOAuthApps(actor: Pick<Actor, "accountId">): OAuthAppView[] {
  const used = usageCounts(actor.accountId);
  const own = accountApps(actor.accountId).map((row): OAuthAppView => ({
    id: row.id,
    ...settingsOf(row),
    secretSet: row.clientSecret !== "",
    source: "account",
    usedByCount: used.get(row.id) ?? 0,
  }));
  const shared = environmentOAuthApps().apps.map((app): OAuthAppView => ({
    id: app.id,
    ...settingsOf(app),
    secretSet: true,
    source: "environment",
    usedByCount: used.get(app.id) ?? 0,
  }));
  return [...own, ...shared].sort((a, b) => a.name.localeCompare(b.name));
}

export function getOAuthApp(actor: Pick<Actor, "accountId">, id: string): OAuthAppView {
  const app = listOAuthApps(actor).find((candidate) => candidate.id === id);
  if (!app) throw new NotFoundError("The OAuth app");
  return app;
}

/** One name per account, and none that an OAUTH_APPS app already has (the select would show both). */
function assertNameFree(accountId: string, name: string, exceptId?: string): void {
  const taken =
    accountApps(accountId).some((row) => row.name === name && row.id !== exceptId) ||
    environmentOAuthApps().apps.some((app) => app.name === name);
  if (taken) throw new ConflictError(`An OAuth app named "${name}" already exists.`, { name: "This name is already used." });
}

function ownAppOrThrow(actor: Actor, id: string, doing: string): OAuthClient {
  requireRole(actor, "admin", doing);
  const row = accountApp(actor.accountId, id);
  if (row) return row;
  const shared = environmentApp(id);
  if (shared) throw new ForbiddenError(`"${shared.name}" is set in the server's OAUTH_APPS environment variable: change it there.`);
  throw new NotFoundError("The OAuth app");
}

export function createOAuthApp(actor: Actor, input: unknown): OAuthAppView {
  requireRole(actor, "admin", "add OAuth apps");
  const data = parseOrThrow(newOAuthAppSchema, input);
  assertNameFree(actor.accountId, data.name);
  const id = randomId("oap");
  const now = Date.now();
  getDb()
    .insert(oauthClients)
    .values({ id, accountId: actor.accountId, ...settingsOf(data), clientSecret: encryptSecret(data.clientSecret, secretContext(id)), createdAt: now, updatedAt: now })
    .run();
  return getOAuthApp(actor, id);
}

/** Replaces every field; an empty client secret keeps the stored one. */
export function updateOAuthApp(actor: Actor, id: string, input: unknown): OAuthAppView {
  const row = ownAppOrThrow(actor, id, "change OAuth apps");
  const data = parseOrThrow(changedOAuthAppSchema, input);
  assertNameFree(actor.accountId, data.name, row.id);
  const secret = data.clientSecret === "" ? {} : { clientSecret: encryptSecret(data.clientSecret, secretContext(row.id)) };
  getDb().update(oauthClients).set({ ...settingsOf(data), ...secret, updatedAt: Date.now() }).where(eq(oauthClients.id, row.id)).run();
  return getOAuthApp(actor, id);
}

/** Refused while a connection signs in through it: its tokens could no longer be refreshed. */
export function deleteOAuthApp(actor: Actor, id: string): void {
  const row = ownAppOrThrow(actor, id, "delete OAuth apps");
  const used = usageCounts(actor.accountId).get(row.id) ?? 0;
  if (used > 0) {
    throw new ConflictError(`"${row.name}" is used by ${used} connection${used === 1 ? "" : "s"}: delete ${used === 1 ? "it" : "them"} first.`);
  }
  getDb().delete(oauthClients).where(eq(oauthClients.id, row.id)).run();
}

function resolved(id: string, app: AppSettings, clientSecret: string): ResolvedOAuthApp {
  return {
    id,
    name: app.name,
    server: {
      authorizeUrl: app.authorizeUrl,
      tokenUrl: app.tokenUrl,
      issuer: app.issuer ?? undefined,
      // The URL rules allow http only to loopback, and the guarded fetch checks again on each call.
      allowInsecureRequests: new URL(app.tokenUrl).protocol === "http:",
    },
    client: { clientId: app.clientId, clientSecret, authMethod: app.authMethod },
    scopes: app.scopes.split(" ").filter(Boolean),
    testUrl: app.testUrl,
  };
}

/**
 * The app a connection of `accountId` signs in through, with its secret, for the OAuth calls.
 * A missing app fails the sign-in or the call with a message an admin can act on.
 */
export function resolveOAuthApp(accountId: string, id: string): ResolvedOAuthApp {
  const shared = isEnvironmentAppId(id) ? environmentApp(id) : undefined;
  if (shared) return resolved(shared.id, settingsOf(shared), shared.clientSecret);
  const row = isEnvironmentAppId(id) ? undefined : accountApp(accountId, id);
  if (row) return resolved(row.id, settingsOf(row), decryptSecret(row.clientSecret, secretContext(row.id)));
  throw new ConnectorError("The OAuth app of this connection no longer exists; an admin should set it up again under My settings > OAuth apps.");
}
