// One page of Run history: each run's number (a link to its page), integration, status, times,
// duration, version, a line about its trigger item and, when it failed, why. Item values are text.
import Link from "next/link";
import { Time } from "@/components/deploy/time";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import type { EnvironmentKind } from "@/db/schema";
import type { RunView } from "@/lib/runs/history";
import { formatDuration, versionLabel } from "@/lib/runs/labels";
import { DataTable, EmptyState } from "@/components/ui/data-table";

type Props = { runs: RunView[]; environment: EnvironmentKind; runHref: (runId: number) => string; empty: string };

export function RunsTable({ runs, environment, runHref, empty }: Props) {
  if (runs.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <DataTable label="Runs" columns={["Run", "Integration", "Status", "Started", "Finished", "Duration", "Version", "Trigger item"]}>
      {runs.map((run) => (
        <tr key={run.id}>
          <td className="whitespace-nowrap px-3 py-2">
            <Link href={runHref(run.id)} className="font-medium text-brand-700 hover:underline">
              #{run.id}
            </Link>
            {run.rerunOf !== null ? <p className="text-xs text-slate-500">Re-run of #{run.rerunOf}</p> : null}
          </td>
          <td className="px-3 py-2">{run.integrationName}</td>
          <td className="px-3 py-2">
            <RunStatusBadge status={run.status} />
          </td>
          <td className="px-3 py-2 text-slate-700">
            <Time ms={run.startedAt} never="Not yet" />
          </td>
          <td className="px-3 py-2 text-slate-700">
            <Time ms={run.finishedAt} never="Not yet" />
          </td>
          <td className="whitespace-nowrap px-3 py-2 text-slate-700">{run.durationMs === null ? "—" : formatDuration(run.durationMs)}</td>
          <td className="whitespace-nowrap px-3 py-2 text-slate-700">{versionLabel(environment, run.version)}</td>
          <td className="max-w-md px-3 py-2">
            <p className="break-words text-slate-700">{run.triggerSummary || "(empty)"}</p>
            {run.status === "failed" && run.error ? <p className="mt-1 break-words text-xs text-red-800">{run.error}</p> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
