// The Connections pages, the same in Production (Manage > Integrations > Connections) and in the
// Development app builder: only the environment whose connections they show differs.
import Link from "next/link";
import { notFound } from "next/navigation";
import { authenticateConnectionAction, createConnectionAction, deleteConnectionAction, testConnectionAction } from "@/app/(app)/apps/[appId]/connection-actions";
import { loadApp, loadAppIn } from "@/app/(app)/apps/[appId]/load-app";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { ConnectionsTable, type ConnectionRow } from "@/components/connections/connections-table";
import { ConnectorIcon } from "@/components/connections/connector-icon";
import { CredentialsForm } from "@/components/connections/credentials-form";
import { NewConnectionForm } from "@/components/connections/new-connection-form";
import type { EnvironmentKind } from "@/db/schema";
import { hasRole } from "@/lib/auth/actor";
import { connectionFormValues, getConnection, listConnections } from "@/lib/connections/connection-view";
import { listOAuthApps } from "@/lib/connections/oauth-apps";
import { connectorsWithAuth, getConnector, summarizeConnector } from "@/lib/connectors/registry";
import { ENVIRONMENT_LABEL } from "@/lib/environments";
import { AppError } from "@/lib/errors";

/** An OAuth connection signs in at its provider; the others fill in the connector's fields. */
function authenticateHref(env: EnvironmentKind, appId: string, connection: { id: string; oauthApp: { id: string } | null }): string {
  const path = connectionsPath(env, appId);
  return connection.oauthApp
    ? `/api/oauth/start?connectionId=${encodeURIComponent(connection.id)}&returnTo=${encodeURIComponent(path)}`
    : `${path}/${connection.id}`;
}

export async function ConnectionsPage({ env, appId, searchParams }: { env: EnvironmentKind; appId: string; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, app } = await loadAppIn(env, appId);
  const canManage = hasRole(user, "builder");
  const target = { env, appId: app.id };
  const rows: ConnectionRow[] = listConnections(user, env).map((connection) => ({
    ...connection,
    authenticateHref: authenticateHref(env, app.id, connection),
    testAction: testConnectionAction.bind(null, { ...target, connectionId: connection.id }),
    deleteAction: deleteConnectionAction.bind(null, { ...target, connectionId: connection.id }),
  }));
  const params = await searchParams;
  const oauthError = typeof params.oauth_error === "string" ? params.oauth_error : null;
  const connectors = connectorsWithAuth().map((c) => {
    const summary = summarizeConnector(c);
    return { key: c.key, name: c.name, description: c.description, oauthApp: summary.auth.oauthApp };
  });
  const oauthApps = canManage ? listOAuthApps(user).map((app) => ({ id: app.id, name: app.name })) : [];
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        A connection is the authentication that lets integrations act on another system. {ENVIRONMENT_LABEL[env]} connections are used by{" "}
        {ENVIRONMENT_LABEL[env]} integrations only{env === "production" ? ", and must be authenticated with Production credentials after every deployment" : ""}.
      </p>
      {params.oauth === "connected" ? <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">The connection is authenticated.</p> : null}
      {oauthError ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{oauthError}</p> : null}
      <ConnectionsTable rows={rows} canManage={canManage} />
      {canManage ? (
        <section aria-labelledby="new-connection" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-connection" className="mb-3 text-sm font-semibold">New connection</h2>
          <NewConnectionForm action={createConnectionAction.bind(null, target)} connectors={connectors} oauthApps={oauthApps} environmentLabel={ENVIRONMENT_LABEL[env]} />
        </section>
      ) : null}
    </div>
  );
}

export async function AuthenticateConnectionPage({ env, appId, connectionId }: { env: EnvironmentKind; appId: string; connectionId: string }) {
  const { user, app, canBuild } = await loadApp(appId);
  if (!canBuild) notFound();
  let connection;
  try {
    connection = getConnection(user, connectionId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const connector = getConnector(connection.connector.key);
  if (connection.environment.kind !== env || !connector || connector.auth.kind !== "fields" || connection.oauthApp) notFound();
  const { values, secretsSet } = connectionFormValues(user, connection.id);
  const verb = connection.authenticated ? "Reauthenticate" : "Connect now";
  return (
    <div className="max-w-2xl space-y-4">
      <Link href={connectionsPath(env, app.id)} className="text-sm text-brand-700 hover:underline">
        ← Back to Connections
      </Link>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          <ConnectorIcon path={connector.icon} className="h-5 w-5 text-brand-600" />
          {verb}: {connection.name}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {connector.name} · {ENVIRONMENT_LABEL[env]}
          {connector.key === "kissflow"
            ? `. Enter the details of your ${ENVIRONMENT_LABEL[env]} environment: you find the Account ID, Account domain, Access key ID and Access key secret under My settings > Security settings > API authentication.`
            : "."}
        </p>
        <div className="mt-5">
          <CredentialsForm
            action={authenticateConnectionAction.bind(null, { env, appId: app.id, connectionId: connection.id })}
            fields={connector.auth.fields}
            values={values}
            secretsSet={secretsSet}
            submitLabel={`${verb === "Connect now" ? "Connect" : "Reauthenticate"} and test`}
          />
        </div>
      </section>
    </div>
  );
}
