// The All integrations tab: each Production integration with its status (Live/Archived), the
// connectors it uses, the version it runs, its runs, the On/Off switch (with the catch-up offer
// after turning on), its webhook address or last poll error. Read-only otherwise:
// Production definitions change only by deploying from the app builder.
import { ConnectorIcon } from "@/components/connections/connector-icon";
import { Time } from "@/components/deploy/time";
import { CatchUpOffer } from "@/components/integrations-production/catch-up-offer";
import { IntegrationSwitch, type ConnectionLink } from "@/components/integrations-production/integration-switch";
import { TriggerStatusLines } from "@/components/integrations/trigger-status-lines";
import type { ActionState } from "@/lib/auth/action";
import type { ProductionIntegrationView } from "@/lib/integrations/production-integrations";
import { formatCount } from "@/lib/runs/labels";
import { DataTable, EmptyState } from "@/components/ui/data-table";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type AllIntegrationsRow = ProductionIntegrationView & {
  switchAction: Action;
  catchUpAction: Action;
  /** Connect now / Reauthenticate for each connection that keeps it off. */
  connectionLinks: ConnectionLink[];
};

const STATUS = {
  live: { label: "Live", style: "bg-emerald-100 text-emerald-800 ring-emerald-200" },
  archived: { label: "Archived", style: "bg-slate-100 text-slate-700 ring-slate-200" },
};

export function AllIntegrationsTable({ rows, canSwitch, connectionsHref }: { rows: AllIntegrationsRow[]; canSwitch: boolean; connectionsHref: string }) {
  if (rows.length === 0) {
    return (
      <EmptyState>
        No integrations in Production yet. Build them in the app builder (Edit app, then Logic &gt; Integration) and deploy the app.
      </EmptyState>
    );
  }
  return (
    <DataTable label="All integrations" columns={["Integration", "Status", "Connectors", "Version", "Runs this month", "Last run", { label: "On/Off", alignRight: true }]}>
      {rows.map((row) => (
        <tr key={row.id}>
          <td className="px-3 py-3">
            <p className="font-medium text-slate-900">{row.name}</p>
            {row.offReason ? <p className="mt-0.5 max-w-sm text-xs text-slate-600">{row.offReason}</p> : null}
            <TriggerStatusLines status={row} addressLabel="Production address" />
          </td>
          <td className="px-3 py-3">
            <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS[row.status].style}`}>{STATUS[row.status].label}</span>
          </td>
          <td className="px-3 py-3">
            <ul className="space-y-1" aria-label={`Connectors of ${row.name}`}>
              {row.connectors.map((connector) => (
                <li key={connector.key} className="flex items-center gap-1.5 whitespace-nowrap text-slate-700">
                  <ConnectorIcon path={connector.icon} className="h-4 w-4 text-brand-600" />
                  {connector.name}
                </li>
              ))}
            </ul>
          </td>
          <td className="whitespace-nowrap px-3 py-3 text-slate-700">Version {row.version}</td>
          <td className="px-3 py-3 text-slate-700">{formatCount(row.runsThisMonth)}</td>
          <td className="px-3 py-3 text-slate-700">
            <Time ms={row.lastRunAt} />
          </td>
          <td className="px-3 py-3">
            <IntegrationSwitch
              action={row.switchAction}
              name={row.name}
              enabled={row.enabled}
              archived={row.status === "archived"}
              canSwitch={canSwitch}
              connectionsHref={connectionsHref}
              connectionLinks={row.connectionLinks}
            />
            {row.catchUp !== null ? <CatchUpOffer action={row.catchUpAction} name={row.name} count={row.catchUp} canAnswer={canSwitch} /> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
