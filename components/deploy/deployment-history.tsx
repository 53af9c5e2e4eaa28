import { Time } from "@/components/deploy/time";
import { boardChangeTitle } from "@/lib/deploy/board-changes";
import type { DeploymentView } from "@/lib/deploy/deploy";

function changes({ summary }: DeploymentView): string {
  const parts = [
    [summary.added.length, "added"],
    [summary.changed.length, "changed"],
    [summary.removed.length, "removed"],
    [summary.archived.length, "archived"],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(", ");
  return text || "No integration changed";
}

/** Every deployment of the app, newest first: the version number, who, when and what changed. */
export function DeploymentHistory({ deployments }: { deployments: DeploymentView[] }) {
  if (deployments.length === 0) return <p className="text-sm text-slate-600">This app has not been deployed yet.</p>;
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Deployment history">
      <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="py-2 pr-3">Version</th>
          <th scope="col" className="py-2 pr-3">Deployed by</th>
          <th scope="col" className="py-2 pr-3">When</th>
          <th scope="col" className="py-2">Changes</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {deployments.map((deployment) => (
          <tr key={deployment.id}>
            <td className="py-2 pr-3 font-medium">#{deployment.number}</td>
            <td className="py-2 pr-3">{deployment.deployedBy.name ?? "A removed user"}</td>
            <td className="py-2 pr-3">
              <Time ms={deployment.deployedAt} />
            </td>
            <td className="py-2">
              {changes(deployment)}
              {deployment.summary.boards.length > 0 ? <span className="text-slate-500"> · boards: {deployment.summary.boards.map(boardChangeTitle).join(", ")}</span> : null}
              {deployment.summary.boardsRemoved.length > 0 ? (
                <span className="text-slate-500"> · boards removed: {deployment.summary.boardsRemoved.map((b) => b.name).join(", ")}</span>
              ) : null}
              {deployment.summary.connections.length > 0 ? (
                <span className="text-slate-500"> · connections: {deployment.summary.connections.map((c) => c.name).join(", ")}</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
