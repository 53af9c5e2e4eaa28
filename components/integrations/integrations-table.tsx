// Logic > Integration: every integration of the app with its trigger, the connectors it uses,
// its state, its Development On/Off switch (with the catch-up offer after turning on) and the
// row buttons the manual names.
import Link from "next/link";
import { ConnectorIcon } from "@/components/connections/connector-icon";
import { CatchUpOffer } from "@/components/integrations-production/catch-up-offer";
import { IntegrationSwitch } from "@/components/integrations-production/integration-switch";
import { IntegrationRowActions, type RowActions } from "@/components/integrations/integration-row-actions";
import { TriggerStatusLines } from "@/components/integrations/trigger-status-lines";
import type { ActionState } from "@/lib/auth/action";
import type { DevelopmentRunStatus } from "@/lib/integrations/development-switch";
import type { IntegrationView } from "@/lib/integrations/integration-view";
import { DataTable, EmptyState } from "@/components/ui/data-table";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type BuilderIntegrationRow = IntegrationView & DevelopmentRunStatus & { switchAction: Action; catchUpAction: Action };

const STATE_STYLE = {
  active: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  archived: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function IntegrationStateBadge({ state }: { state: IntegrationView["state"] }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATE_STYLE[state]}`}>{state === "active" ? "Active" : "Archived"}</span>;
}

export function IntegrationsTable({
  appId,
  integrations,
  actions,
  canSwitch,
  connectionsHref,
}: {
  appId: string;
  integrations: BuilderIntegrationRow[];
  actions: RowActions;
  canSwitch: boolean;
  connectionsHref: string;
}) {
  if (integrations.length === 0) {
    return <EmptyState>No integrations yet. Name one below to start.</EmptyState>;
  }
  return (
    <DataTable label="Integrations" columns={["Name", "Trigger", "Connectors", "State", { label: "On/Off", alignRight: true }, { label: "Actions", hidden: true }]}>
      {integrations.map((integration) => (
        <tr key={integration.id}>
          <td className="px-3 py-3 font-medium">
            <Link href={`/apps/${appId}/builder/integrations/${integration.id}`} className="text-brand-700 hover:underline">
              {integration.name}
            </Link>
            <p className="mt-0.5 text-xs font-normal text-slate-500">
              {integration.definition.steps.length} step{integration.definition.steps.length === 1 ? "" : "s"}
            </p>
            {integration.offReason ? <p className="mt-0.5 max-w-sm text-xs font-normal text-slate-600">{integration.offReason}</p> : null}
            <TriggerStatusLines status={integration} />
          </td>
          <td className="px-3 py-3 text-slate-700">
            {integration.trigger ? (
              <span className="flex items-center gap-1.5">
                <ConnectorIcon path={integration.trigger.icon} className="h-4 w-4 text-brand-600" />
                {integration.trigger.name}: {integration.trigger.triggerName}
              </span>
            ) : (
              <span className="text-slate-500">No trigger yet</span>
            )}
          </td>
          <td className="px-3 py-3">
            {integration.connectors.length > 0 ? (
              <ul className="flex flex-wrap gap-1.5" aria-label={`Connectors used by ${integration.name}`}>
                {integration.connectors.map((connector) => (
                  <li key={connector.key} className="flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    <ConnectorIcon path={connector.icon} className="h-3.5 w-3.5 text-brand-600" />
                    {connector.name}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-500">—</span>
            )}
          </td>
          <td className="px-3 py-3">
            <IntegrationStateBadge state={integration.state} />
          </td>
          <td className="px-3 py-3">
            <IntegrationSwitch
              action={integration.switchAction}
              name={integration.name}
              enabled={integration.enabled}
              archived={integration.state === "archived"}
              canSwitch={canSwitch}
              connectionsHref={connectionsHref}
            />
            {integration.catchUp !== null ? <CatchUpOffer action={integration.catchUpAction} name={integration.name} count={integration.catchUp} canAnswer={canSwitch} /> : null}
          </td>
          <td className="px-3 py-3">
            <IntegrationRowActions appId={appId} integrationId={integration.id} name={integration.name} archived={integration.state === "archived"} actions={actions} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
