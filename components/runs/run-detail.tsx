// A run's page: its status and error, where it came from (and its re-runs), the trigger item, and
// each step's input, output, error, attempts and duration. JSON is shown as text, never HTML.
import Link from "next/link";
import { Time } from "@/components/deploy/time";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { StepOutcome } from "@/components/runs/step-outcome";
import { JsonBlock } from "@/components/ui/json-block";
import type { EnvironmentKind } from "@/db/schema";
import type { RunDetail } from "@/lib/runs/history";
import { formatDuration, RUN_SOURCE_LABEL, versionLabel } from "@/lib/runs/labels";

/** `rerun`: the Re-run form, for those who may re-run; shown after the run's outcome. */
type Props = { run: RunDetail; environment: EnvironmentKind; runHref: (runId: number) => string; rerun?: React.ReactNode };

export function RunDetailView({ run, environment, runHref, rerun }: Props) {
  const facts: [string, React.ReactNode][] = [
    ["Integration", run.integrationName],
    ["Version", versionLabel(environment, run.version)],
    [
      "Source",
      run.rerunOf === null ? (
        RUN_SOURCE_LABEL[run.source]
      ) : (
        <>
          Re-run of{" "}
          <Link href={runHref(run.rerunOf)} className="text-brand-700 hover:underline">
            run #{run.rerunOf}
          </Link>
        </>
      ),
    ],
    ["Queued", <Time key="queued" ms={run.createdAt} />],
    ["Started", <Time key="started" ms={run.startedAt} never="Not yet" />],
    ["Finished", <Time key="finished" ms={run.finishedAt} never="Not yet" />],
    ["Duration", run.durationMs === null ? "—" : formatDuration(run.durationMs)],
    ["Attempts", run.attempts],
  ];
  return (
    <div className="space-y-5">
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{term}</dt>
            <dd className="mt-0.5 text-slate-800">{value}</dd>
          </div>
        ))}
      </dl>
      {run.error ? (
        <p role="alert" className="break-words rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {run.error}
        </p>
      ) : null}
      {run.reruns.length > 0 ? (
        <div className="text-sm">
          <h2 className="font-semibold">Re-runs</h2>
          <ul aria-label="Re-runs" className="mt-1 space-y-1">
            {run.reruns.map((rerun) => (
              <li key={rerun.id} className="flex items-center gap-2">
                <Link href={runHref(rerun.id)} className="text-brand-700 hover:underline">
                  Run #{rerun.id}
                </Link>
                <RunStatusBadge status={rerun.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {rerun}
      <JsonBlock label="Trigger item" value={run.triggerData} />
      <section aria-labelledby="run-steps" className="space-y-2">
        <h2 id="run-steps" className="text-base font-semibold">Steps</h2>
        {run.steps.length === 0 ? <p className="text-sm text-slate-600">No step has run yet.</p> : run.steps.map((step) => (
              <StepOutcome
                key={step.position}
                step={step}
                label={`Step ${step.position + 1}: ${step.name}`}
                title={`${step.position + 1}. ${step.name}`}
                note={`${step.attempts} ${step.attempts === 1 ? "attempt" : "attempts"}`}
              />
            ))}
      </section>
    </div>
  );
}
