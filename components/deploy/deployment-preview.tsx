// What Deploy will change in Production: integrations added, changed, removed and archived, and
// the Production connections that will need authentication afterwards.
import { ConnectorIcon } from "@/components/connections/connector-icon";
import type { DeploymentPreview as Preview } from "@/lib/deploy/deploy";
import type { IntegrationChange } from "@/lib/deploy/plan";

const WHAT = { name: "renamed", definition: "trigger or steps changed", restored: "restored from the archive" };

function ChangeList({ title, items, empty, detail }: { title: string; items: IntegrationChange[]; empty: string; detail?: (item: IntegrationChange) => string | null }) {
  const id = `preview-${title.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h4 id={id} className="text-sm font-semibold">
        {title} ({items.length})
      </h4>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800" aria-label={title}>
          {items.map((item) => (
            <li key={item.id}>
              {item.name}
              {detail?.(item) ? <span className="text-slate-500"> — {detail(item)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DeploymentPreview({ preview }: { preview: Preview }) {
  const { summary } = preview;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <ChangeList title="Added" items={summary.added} empty="No new integrations." />
        <ChangeList
          title="Changed"
          items={summary.changed}
          empty="No integration changed."
          detail={(item) => [item.previousName ? `renamed from ${item.previousName}` : null, ...(item.what ?? []).filter((w) => w !== "name").map((w) => WHAT[w])].filter(Boolean).join(", ") || null}
        />
        <ChangeList title="Removed" items={summary.removed} empty="No integration removed." />
        <ChangeList title="Archived" items={summary.archived} empty="No integration archived." />
      </div>
      {summary.unchanged.length > 0 ? (
        <p className="text-sm text-slate-600">Unchanged: {summary.unchanged.map((i) => i.name).join(", ")}.</p>
      ) : null}
      <section aria-labelledby="preview-connections">
        <h4 id="preview-connections" className="text-sm font-semibold">
          Connections that will need authentication ({summary.connections.length})
        </h4>
        <p className="mt-1 text-xs text-slate-600">
          After the deployment every Production integration is off and every Production connection must be authenticated again with Production credentials.
        </p>
        {summary.connections.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">The deployed integrations use no connection.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm" aria-label="Connections that will need authentication">
            {summary.connections.map((connection) => (
              <li key={connection.name} className="flex flex-wrap items-center gap-2">
                <ConnectorIcon path={connection.connector.icon} className="h-4 w-4 text-brand-600" />
                <span className="font-medium">{connection.name}</span>
                <span className="text-xs text-slate-500">{connection.connector.name}</span>
                <span className="text-xs text-slate-600">
                  {connection.created ? "will be created in Production (Connect now)" : "exists in Production (Reauthenticate)"} · used by {connection.usedBy.join(", ")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
