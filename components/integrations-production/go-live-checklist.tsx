// The go-live checklist shown after a deployment: each Production connection to authenticate,
// the integrations it keeps off, and "Turn on all ready".
import Link from "next/link";
import { ConnectionStatusBadge } from "@/components/connections/connection-status";
import { ConnectorIcon } from "@/components/connections/connector-icon";
import { Time } from "@/components/deploy/time";
import { TurnOnAllReadyButton } from "@/components/integrations-production/turn-on-all-ready-button";
import { buttonClass } from "@/components/ui/button-class";
import type { ActionState } from "@/lib/auth/action";
import type { GoLiveChecklist as Checklist } from "@/lib/integrations/production-checklist";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function GoLiveChecklist({
  checklist,
  canManage,
  authenticateHref,
  turnOnAllReadyAction,
}: {
  checklist: Checklist;
  canManage: boolean;
  authenticateHref: (connection: Checklist["connections"][number]) => string;
  turnOnAllReadyAction: Action;
}) {
  const { deployment, connections } = checklist;
  if (!deployment) return null;
  const toAuthenticate = connections.filter((c) => c.problem !== null);
  const offCount = checklist.integrations.filter((i) => !i.enabled).length;
  return (
    <section id="go-live-checklist" aria-labelledby="go-live-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="go-live-heading" className="text-base font-semibold">Go-live checklist</h3>
      <p className="mt-1 text-sm text-slate-600">
        Version {deployment.number} was deployed{deployment.deployedBy ? ` by ${deployment.deployedBy}` : ""} on <Time ms={deployment.deployedAt} />. After every
        deployment all integrations are off: authenticate each connection again with your Production environment&apos;s credentials, test it, then turn the
        integrations on.
      </p>
      {connections.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">The live integrations use no connection.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" aria-label="Connections to authenticate">
          {connections.map((connection) => (
            <li key={connection.id} className="flex flex-wrap items-start gap-3 py-3 text-sm">
              <ConnectorIcon path={connection.connector.icon} className="mt-0.5 h-5 w-5 text-brand-600" />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{connection.name}</span>
                  <span className="text-xs text-slate-500">{connection.connector.name}</span>
                  {connection.problem ? <ConnectionStatusBadge status={connection.status} /> : <span className="text-xs font-medium text-emerald-700">✓ Ready</span>}
                </p>
                {connection.problem ? <p className="mt-1 text-xs text-slate-700">{connection.problem}</p> : null}
                {connection.blocks.length > 0 ? (
                  <p className="mt-1 text-xs text-slate-600">Keeps off: {connection.blocks.map((b) => b.name).join(", ")}</p>
                ) : (
                  <p className="mt-1 text-xs text-slate-500">Used by: {connection.usedBy.map((b) => b.name).join(", ")}</p>
                )}
              </div>
              {canManage && connection.problem ? (
                <Link href={authenticateHref(connection)} className={buttonClass(connection.authenticated ? "secondary" : "primary", "sm")} aria-label={`${connection.authenticated ? "Reauthenticate" : "Connect now"} ${connection.name}`}>
                  {connection.authenticated ? "Reauthenticate" : "Connect now"}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && offCount > 0 ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <TurnOnAllReadyButton action={turnOnAllReadyAction} readyCount={checklist.readyCount} />
        </div>
      ) : null}
      {toAuthenticate.length === 0 && offCount === 0 ? <p className="mt-3 text-sm text-emerald-700">Every live integration is on.</p> : null}
    </section>
  );
}
