import type { Metadata } from "next";
import { switchIntegrationAction, turnOnAllReadyAction } from "@/app/(app)/apps/[appId]/(production)/manage/integrations/all/actions";
import { loadApp } from "@/app/(app)/apps/[appId]/load-app";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { AllIntegrationsTable, type AllIntegrationsRow } from "@/components/integrations-production/all-integrations-table";
import { GoLiveChecklist } from "@/components/integrations-production/go-live-checklist";
import { hasRole } from "@/lib/auth/actor";
import { getConnector } from "@/lib/connectors/registry";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { listProductionIntegrations } from "@/lib/integrations/production-integrations";
import type { Problem } from "@/lib/integrations/production-readiness";

export const metadata: Metadata = { title: "All integrations" };

export default async function AllIntegrationsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { user, app } = await loadApp((await params).appId);
  const canManage = hasRole(user, "builder");
  const connectionsHref = connectionsPath("production", app.id);
  const checklist = goLiveChecklist(user, app.id);
  // Connect now / Reauthenticate: the credentials form, or the Connections tab for OAuth connections.
  const authenticateHref = (connection: { id: string; connector: { key: string } }) =>
    getConnector(connection.connector.key)?.auth.kind === "fields" ? `${connectionsHref}/${connection.id}` : connectionsHref;
  const checklistConnections = new Map(checklist.connections.map((connection) => [connection.id, connection]));
  // A refused switch links straight to the connections that keep the integration off.
  const connectionLinks = (problems: Problem[]) =>
    problems.flatMap(({ connectionId }) => {
      const connection = connectionId ? checklistConnections.get(connectionId) : undefined;
      return connection ? [{ label: `${connection.authenticated ? "Reauthenticate" : "Connect now"} ${connection.name}`, href: authenticateHref(connection) }] : [];
    });
  const rows: AllIntegrationsRow[] = listProductionIntegrations(user, app.id).map((integration) => ({
    ...integration,
    switchAction: switchIntegrationAction.bind(null, { appId: app.id, integrationId: integration.id }),
    connectionLinks: connectionLinks(integration.problems),
  }));
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        Every integration of this app in Production: its status (Live/Archived), the connectors it uses, and its switch. To change an integration, click Edit
        app and open Logic &gt; Integration in the app builder, then deploy the app.
      </p>
      <GoLiveChecklist
        checklist={checklist}
        canManage={canManage}
        authenticateHref={authenticateHref}
        turnOnAllReadyAction={turnOnAllReadyAction.bind(null, { appId: app.id })}
      />
      <AllIntegrationsTable rows={rows} canSwitch={canManage} connectionsHref={connectionsHref} />
    </div>
  );
}
