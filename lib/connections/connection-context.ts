// What a connector is handed: the decrypted credentials, the environment (with the hosts that
// are this instance), a guarded fetch and a logger. This is the only road by which decrypted
// credentials leave lib/connections, and it leads into a connector.
import type { Connection, Environment } from "@/db/schema";
import { listEnvironments } from "@/db/queries/settings";
import { publicUrl } from "@/lib/config";
import { oauthAccessFor } from "@/lib/connections/oauth-access";
import { connectionInEnvironment } from "@/lib/connections/find-connection";
import { decryptCredentials } from "@/lib/connections/stored-credentials";
import { OAUTH_CREDENTIALS, ReauthenticationRequiredError, type ConnectionContext, type Connector, type EnvironmentInfo, type Logger } from "@/lib/connectors/framework";
import { createConnectorFetch } from "@/lib/connectors/outbound";
import { getConnector } from "@/lib/connectors/registry";
import { accountDomain, environmentById } from "@/lib/environments";
import { NotFoundError } from "@/lib/errors";

export function environmentInfo(env: Environment): EnvironmentInfo {
  const url = publicUrl();
  const configured = listEnvironments(env.accountId).flatMap((e) => (e.domain ? [e.domain] : []));
  return {
    id: env.id,
    kind: env.kind,
    accountId: env.accountId,
    accountDomain: accountDomain(env),
    instance: { protocol: url.protocol === "https:" ? "https:" : "http:", hosts: [...new Set([url.host, ...configured])] },
  };
}

/** Connector log lines carry the connector and connection; connectors never pass secrets to it. */
function connectorLogger(connectorKey: string, connectionId?: string): Logger {
  const line = (message: string, data?: Record<string, unknown>) => JSON.stringify({ connector: connectorKey, connection: connectionId, message, ...data });
  return { info: (message, data) => console.log(line(message, data)), warn: (message, data) => console.warn(line(message, data)) };
}

export function connectorContext<C>(connector: Connector<unknown>, env: Environment, credentials: C, connectionId?: string): ConnectionContext<C> {
  const environment = environmentInfo(env);
  return {
    credentials,
    environment,
    fetch: createConnectorFetch({ allowHosts: connector.callsInstance ? environment.instance.hosts : [] }),
    log: connectorLogger(connector.key, connectionId),
  };
}

/** The stored credentials, decrypted; an UnreadableCredentialsError when they no longer decrypt. */
export function storedCredentials(connection: Pick<Connection, "id" | "name" | "credentials">): Record<string, unknown> | null {
  return connection.credentials ? decryptCredentials<Record<string, unknown>>({ ...connection, credentials: connection.credentials }) : null;
}

/**
 * The context of a stored connection, or null when it was never authenticated. A connection
 * signed in through an OAuth app gets `OAUTH_CREDENTIALS` and `ctx.oauth`: its tokens stay here.
 */
export function storedConnectionContext(connector: Connector<unknown>, connection: Connection, env: Environment): ConnectionContext<unknown> | null {
  if (!connection.credentials) return null;
  if (connection.oauthAppId === null) return connectorContext(connector, env, storedCredentials(connection), connection.id);
  const context = connectorContext(connector, env, OAUTH_CREDENTIALS, connection.id);
  return { ...context, oauth: oauthAccessFor({ ...connection, oauthAppId: connection.oauthAppId }, env.accountId, context.fetch) };
}

/**
 * For the engine: the context of a step's connection, which must belong to the run's
 * environment. A connection never authenticated asks for authentication rather than failing oddly.
 */
export function contextForConnection(connectionId: string, environmentId: string): { connector: Connector<unknown>; context: ConnectionContext<unknown> } {
  const connection = connectionInEnvironment(connectionId, environmentId);
  const env = environmentById(environmentId);
  const connector = connection && getConnector(connection.connectorKey);
  if (!connection || !env || !connector) throw new NotFoundError("The connection");
  const context = storedConnectionContext(connector, connection, env);
  if (!context) throw new ReauthenticationRequiredError(`The connection "${connection.name}" has not been authenticated yet: use Connect now.`);
  if (connection.status === "reauthentication_required") {
    throw new ReauthenticationRequiredError(`The connection "${connection.name}" needs reauthentication${connection.statusMessage ? `: ${connection.statusMessage}` : "."}`);
  }
  return { connector, context };
}

// Contexts without a connection hold no secret and differ only by environment and connector; the
// engine executes thousands of steps a second, so each is made at most once every few seconds
// (an Account domain edited is seen within that time).
const CONTEXT_TTL_MS = 5000;
const contextsWithoutConnection = new Map<string, { context: ConnectionContext<unknown>; madeAt: number }>();

/**
 * The context a trigger or step of `connector` runs in: its connection's, or, without one (a
 * connector without auth, or with optional auth such as HTTP without credentials), a context
 * without credentials in the environment.
 */
export function contextForOptionalConnection(connector: Connector<unknown>, connectionId: string | null, environmentId: string): ConnectionContext<unknown> {
  if (connectionId) return contextForConnection(connectionId, environmentId).context;
  const key = `${environmentId}\u0000${connector.key}`;
  const cached = contextsWithoutConnection.get(key);
  if (cached && Date.now() - cached.madeAt < CONTEXT_TTL_MS) return cached.context;
  const env = environmentById(environmentId);
  if (!env) throw new NotFoundError("The environment");
  const context = connectorContext(connector, env, undefined);
  if (contextsWithoutConnection.size > 1000) contextsWithoutConnection.clear();
  contextsWithoutConnection.set(key, { context, madeAt: Date.now() });
  return context;
}
