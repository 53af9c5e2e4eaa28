// What Deploy will change in Production: integrations added, changed, removed and archived, the
// boards whose fields or name change and those removed with their items, and the Production
// connections that will need authentication.
import { ConnectorIcon } from "@/components/connections/connector-icon";
import { boardChangeTitle, describeBoardChange, describeBoardRemoval, type BoardChange, type RemovedBoard } from "@/lib/deploy/board-changes";
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

/** One part of the preview (integrations, boards, connections) under a small heading. */
function Group({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
      <h3 id={id} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {title}
      </h3>
      {children}
    </section>
  );
}

function BoardChanges({ boards }: { boards: BoardChange[] }) {
  return (
    <div>
      <h4 className="text-sm font-semibold">Boards changed ({boards.length})</h4>
      {boards.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">Every board keeps its Production name and fields.</p>
      ) : (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800" aria-label="Boards changed">
          {boards.map((board) => {
            const fields = describeBoardChange(board);
            return (
              <li key={board.id}>
                {boardChangeTitle(board)}
                {fields ? <span className="text-slate-500"> — {fields}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Deleting a board in the builder deletes its Production items on Deploy: said plainly, with the count. */
function BoardRemovals({ boards }: { boards: RemovedBoard[] }) {
  if (boards.length === 0) return null;
  return (
    <section aria-labelledby="preview-boards-removed" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <h4 id="preview-boards-removed" className="text-sm font-semibold text-amber-900">
        Boards removed ({boards.length})
      </h4>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-amber-900" aria-label="Boards removed">
        {boards.map((board) => (
          <li key={board.id}>{describeBoardRemoval(board)}.</li>
        ))}
      </ul>
    </section>
  );
}

export function DeploymentPreview({ preview }: { preview: Preview }) {
  const { summary } = preview;
  return (
    <div className="space-y-4">
      <Group id="preview-integrations" title="Integrations">
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
        {summary.unchanged.length > 0 ? <p className="text-sm text-slate-600">Unchanged: {summary.unchanged.map((i) => i.name).join(", ")}.</p> : null}
      </Group>
      <Group id="preview-boards" title="Boards">
        <BoardChanges boards={summary.boards} />
        <BoardRemovals boards={summary.boardsRemoved} />
      </Group>
      <Group id="preview-connections" title="Connections">
        <div>
          <h4 className="text-sm font-semibold">Connections that will need authentication ({summary.connections.length})</h4>
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
        </div>
      </Group>
    </div>
  );
}
