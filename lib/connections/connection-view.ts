// What pages read about connections: everything the Connections tab shows, never the
// credentials. For secret fields only whether they are set (the form shows "••••"); the
// non-secret values come separately, to builders, to fill the Reauthenticate form.
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import { connections, environments, users, type Connection, type ConnectionStatus, type EnvironmentKind } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { connectionOfAccount } from "@/lib/connections/find-connection";
import { listOAuthApps } from "@/lib/connections/oauth-apps";
import { readableCredentials, UNREADABLE_CREDENTIALS_MESSAGE } from "@/lib/connections/stored-credentials";
import { usedInCount } from "@/lib/connections/usage";
import { getConnector } from "@/lib/connectors/registry";

export type ConnectionView = {
  id: string;
  name: string;
  connector: { key: string; name: string; icon: string };
  environment: { id: string; kind: EnvironmentKind };
  status: ConnectionStatus;
  /** Why the status is what it is (the last failure, "deployed: authenticate again"…). */
  statusMessage: string | null;
  /** False: never authenticated, the tab offers "Connect now" (else "Reauthenticate"). */
  authenticated: boolean;
  authenticatedAt: number | null;
  authenticatedBy: { id: string; name: string } | null;
  lastTestedAt: number | null;
  /** null: never tested, or there was nothing to check. */
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  usedInCount: number;
  /**
   * The OAuth app it signs in through; then Connect now and Reauthenticate are a link to
   * `/api/oauth/start?connectionId=<id>&returnTo=<page>`, not a form.
   */
  oauthApp: { id: string; name: string } | null;
  /** For each secret field of the connector: whether a value is stored (always false when signed in through OAuth). */
  secretsSet: Record<string, boolean>;
  createdAt: number;
  updatedAt: number;
};

const authenticators = alias(users, "authenticators");

function rows(accountId: string, where: ReturnType<typeof and>) {
  return getDb()
    .select({ connection: connections, environment: environments, authenticator: { id: authenticators.id, name: authenticators.name } })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .leftJoin(authenticators, eq(authenticators.id, connections.authenticatedBy))
    .where(and(eq(environments.accountId, accountId), where))
    .orderBy(asc(connections.name))
    .all();
}

function authFields(connectorKey: string) {
  const connector = getConnector(connectorKey);
  return connector && connector.auth.kind !== "none" ? connector.auth.fields : [];
}

/**
 * The typed-in credentials; tokens of a connection signed in through OAuth are none of a form's
 * business. `unreadable`: they are stored but no longer decrypt, so the connection needs
 * reauthentication whatever its recorded status says.
 */
function formCredentials(c: Connection): { values: Record<string, unknown> | null; unreadable: boolean } {
  if (c.oauthAppId !== null) return { values: null, unreadable: false };
  const values = readableCredentials<Record<string, unknown>>(c);
  return { values, unreadable: c.credentials !== null && values === null };
}

/** Which secret fields hold a value. */
function secretsSetOf(connectorKey: string, stored: Record<string, unknown> | null): Record<string, boolean> {
  const secretKeys = authFields(connectorKey).filter((f) => f.secret).map((f) => f.key);
  return Object.fromEntries(secretKeys.map((key) => [key, stored?.[key] !== undefined && stored?.[key] !== ""]));
}

/** The names of the OAuth apps the account can use, for the views of a list. */
function oauthAppNames(accountId: string): Map<string, string> {
  return new Map(listOAuthApps({ accountId }).map((app) => [app.id, app.name]));
}

function toView({ connection: c, environment, authenticator }: ReturnType<typeof rows>[number], appNames: Map<string, string>): ConnectionView {
  const connector = getConnector(c.connectorKey);
  const stored = formCredentials(c);
  return {
    id: c.id,
    name: c.name,
    connector: { key: c.connectorKey, name: connector?.name ?? c.connectorKey, icon: connector?.icon ?? "" },
    environment: { id: environment.id, kind: environment.kind },
    status: stored.unreadable ? "reauthentication_required" : c.status,
    statusMessage: stored.unreadable ? UNREADABLE_CREDENTIALS_MESSAGE : c.statusMessage,
    authenticated: c.authenticatedAt !== null,
    authenticatedAt: c.authenticatedAt,
    authenticatedBy: authenticator?.id ? { id: authenticator.id, name: authenticator.name } : null,
    lastTestedAt: c.lastTestedAt,
    lastTestOk: c.lastTestOk,
    lastTestMessage: c.lastTestMessage,
    usedInCount: usedInCount(c.id),
    oauthApp: c.oauthAppId === null ? null : { id: c.oauthAppId, name: appNames.get(c.oauthAppId) ?? "A removed OAuth app" },
    secretsSet: secretsSetOf(c.connectorKey, stored.values),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The account's connections in one environment, by name. Everyone in the account may read. */
export function listConnections(actor: Actor, kind: EnvironmentKind): ConnectionView[] {
  const appNames = oauthAppNames(actor.accountId);
  return rows(actor.accountId, eq(environments.kind, kind)).map((row) => toView(row, appNames));
}

export function getConnection(actor: Actor, connectionId: string): ConnectionView {
  connectionOfAccount(actor, connectionId);
  return toView(rows(actor.accountId, eq(connections.id, connectionId))[0], oauthAppNames(actor.accountId));
}

/**
 * The non-secret stored values (Account ID, host, user…) to prefill the Reauthenticate form,
 * for builders and admins; secret fields appear only in `secretsSet`.
 */
export function connectionFormValues(actor: Actor, connectionId: string): { values: Record<string, unknown>; secretsSet: Record<string, boolean> } {
  requireRole(actor, "builder", "authenticate connections");
  const { connection } = connectionOfAccount(actor, connectionId);
  const stored = formCredentials(connection).values ?? {};
  const fields = authFields(connection.connectorKey).filter((f) => !f.secret && stored[f.key] !== undefined);
  return { values: Object.fromEntries(fields.map((f) => [f.key, stored[f.key]])), secretsSet: secretsSetOf(connection.connectorKey, stored) };
}
