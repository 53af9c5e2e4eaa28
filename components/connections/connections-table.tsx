// The Connections tab: every connection of the environment with its connector, status, use,
// last test, and the buttons the manual names (Connect now, Reauthenticate, Test connection).
import Link from "next/link";
import { ConnectionActionButton } from "@/components/connections/connection-buttons";
import { ConnectionStatusBadge } from "@/components/connections/connection-status";
import { ConnectorIcon } from "@/components/connections/connector-icon";
import { buttonClass } from "@/components/ui/button-class";
import type { ActionState } from "@/lib/auth/action";
import type { ConnectionView } from "@/lib/connections/connection-view";
import { DataTable, EmptyState } from "@/components/ui/data-table";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type ConnectionRow = ConnectionView & {
  /** Where Connect now / Reauthenticate goes: the credentials form, or the OAuth redirect. */
  authenticateHref: string;
  testAction: Action;
  deleteAction: Action;
};

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

function LastTest({ connection }: { connection: ConnectionView }) {
  if (!connection.lastTestedAt) return <span className="text-slate-500">Never</span>;
  const tone = connection.lastTestOk === false ? "text-red-700" : connection.lastTestOk ? "text-emerald-700" : "text-slate-600";
  return (
    <div>
      <time dateTime={new Date(connection.lastTestedAt).toISOString()} className="whitespace-nowrap text-slate-700">
        {when(connection.lastTestedAt)}
      </time>
      {connection.lastTestMessage ? <p className={`mt-0.5 max-w-sm text-xs ${tone}`}>{connection.lastTestMessage}</p> : null}
    </div>
  );
}

function AuthenticateLink({ connection: c }: { connection: ConnectionRow }) {
  const label = c.authenticated ? "Reauthenticate" : "Connect now";
  const props = { className: buttonClass(c.authenticated ? "secondary" : "primary"), "aria-label": `${label} ${c.name}` };
  // The OAuth start route redirects to the provider and sets a one-time state cookie: a plain
  // link, so it is requested once, when clicked (a <Link> would prefetch it and spoil the state).
  return c.authenticateHref.startsWith("/api/") ? (
    <a href={c.authenticateHref} {...props}>
      {label}
    </a>
  ) : (
    <Link href={c.authenticateHref} {...props}>
      {label}
    </Link>
  );
}

export function ConnectionsTable({ rows, canManage }: { rows: ConnectionRow[]; canManage: boolean }) {
  if (rows.length === 0) {
    return <EmptyState>No connections yet.</EmptyState>;
  }
  return (
    <DataTable label="Connections" columns={["Connection", "Status", "Used in", "Last tested", { label: "Actions", hidden: true }]}>
      {rows.map((c) => (
        <tr key={c.id}>
          <td className="px-3 py-3">
            <div className="flex items-center gap-2 font-medium text-slate-900">
              <ConnectorIcon path={c.connector.icon} className="h-5 w-5 text-brand-600" />
              {c.name}
            </div>
            <p className="mt-0.5 pl-7 text-xs text-slate-500">{c.connector.name}</p>
          </td>
          <td className="px-3 py-3">
            <ConnectionStatusBadge status={c.status} />
            {c.statusMessage && c.status !== "connected" ? <p className="mt-1 max-w-xs text-xs text-slate-600">{c.statusMessage}</p> : null}
            {!c.authenticated ? <p className="mt-1 text-xs text-slate-500">Never authenticated</p> : null}
          </td>
          <td className="whitespace-nowrap px-3 py-3 text-slate-700">
            Used in {c.usedInCount} integration{c.usedInCount === 1 ? "" : "s"}
          </td>
          <td className="px-3 py-3">
            <LastTest connection={c} />
          </td>
          <td className="px-3 py-3">
            {canManage ? (
              <div className="flex flex-wrap items-start justify-end gap-2">
                <AuthenticateLink connection={c} />
                {c.authenticated ? <ConnectionActionButton action={c.testAction} label="Test connection" name={c.name} /> : null}
                {c.usedInCount === 0 ? (
                  <ConnectionActionButton action={c.deleteAction} label="Delete" name={c.name} variant="danger" confirm={`Delete the connection "${c.name}"?`} />
                ) : null}
              </div>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
