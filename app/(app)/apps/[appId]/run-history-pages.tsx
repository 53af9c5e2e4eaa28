// The Run history pages, the same in Production (Manage > Integrations > Run history) and in the
// Development app builder (Logic > Run history): only the environment whose runs they show differs.
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { loadAppIn } from "@/app/(app)/apps/[appId]/load-app";
import { runHistoryPath } from "@/app/(app)/apps/[appId]/paths";
import { rerunFailedRunsAction, rerunRunAction } from "@/app/(app)/apps/[appId]/run-actions";
import { RerunForm } from "@/components/runs/rerun-form";
import { RunDetailView } from "@/components/runs/run-detail";
import { RunFilters } from "@/components/runs/run-filters";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RunsChart } from "@/components/runs/runs-chart";
import { RunsTable } from "@/components/runs/runs-table";
import { buttonClass } from "@/components/ui/button-class";
import type { EnvironmentKind } from "@/db/schema";
import { ENVIRONMENT_LABEL } from "@/lib/environments";
import { AppError, ValidationError } from "@/lib/errors";
import { appRunScope, appRunsThisMonth, findRuns, getRun, integrationChoices, runsPerDay } from "@/lib/runs/history";
import { formatCount, versionLabel } from "@/lib/runs/labels";
import { countFailedRuns, MAX_RERUNS } from "@/lib/runs/rerun";
import { firstValues, parseRunQuery, runQueryString, type RunQuery } from "@/lib/runs/run-query";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The filters as the URL holds them, or the person's mistake in them. */
function readQuery(params: Record<string, string | string[] | undefined>): { query: RunQuery | null; error: string | null; fieldErrors: Record<string, string> } {
  try {
    return { query: parseRunQuery(params), error: null, fieldErrors: {} };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { query: null, error: error.message, fieldErrors: error.fieldErrors ?? {} };
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function filterInputs(query: RunQuery): Record<string, string> {
  const { integrationId, status, from, to, q } = query;
  return Object.fromEntries(Object.entries({ integrationId, status, from, to, q }).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function RerunFailed({ env, appId, query, failed }: { env: EnvironmentKind; appId: string; query: RunQuery; failed: number }) {
  if (failed === 0) return null;
  if (failed > MAX_RERUNS) {
    return (
      <p className="text-sm text-slate-600">
        More than {formatCount(MAX_RERUNS)} failed runs match: narrow the filter (by dates, say) to re-run at most {formatCount(MAX_RERUNS)} at once.
      </p>
    );
  }
  const what = plural(failed, "failed run", "failed runs");
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Re-run the {what} matching this filter</summary>
      <div className="mt-3">
        <RerunForm
          action={rerunFailedRunsAction}
          label="Re-run failed runs"
          submitLabel={`Re-run ${what}`}
          originalLabel="The version each one ran"
          hidden={{ env, appId, ...filterInputs(query) }}
          confirm={{
            original: `Re-run the ${what} matching this filter, each on the version it ran? Each re-run is a new run.`,
            latest: `Re-run the ${what} matching this filter on the latest version of their integrations? Each re-run is a new run.`,
          }}
        />
      </div>
    </details>
  );
}

export async function RunHistoryPage({ env, appId, searchParams }: { env: EnvironmentKind; appId: string; searchParams: SearchParams }) {
  const { user, app, canBuild } = await loadAppIn(env, appId);
  const scope = appRunScope(user, env, app.id);
  const params = await searchParams;
  const { query, error, fieldErrors } = readQuery(params);
  const base = runHistoryPath(env, app.id);
  const page = query ? findRuns(scope, query) : null;
  const failed = query && canBuild ? countFailedRuns(scope, query) : 0;
  const filtered = query !== null && runQueryString(query) !== "";
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        Every item that passes through an integration of this app in {ENVIRONMENT_LABEL[env]} is one run. Open a run to see its trigger item and each step.
      </p>
      <div className="grid gap-4 lg:grid-cols-[12rem_1fr]">
        <section aria-labelledby="runs-this-month" className="rounded-lg border border-slate-200 bg-white p-4 lg:self-start">
          <h2 id="runs-this-month" className="text-xs font-semibold uppercase tracking-wide text-slate-500">Runs this month</h2>
          <p className="mt-1 text-3xl font-semibold tabular-nums">{formatCount(appRunsThisMonth(scope))}</p>
          <p className="mt-1 text-xs text-slate-500">All integrations, this UTC month.</p>
        </section>
        <RunsChart days={runsPerDay(scope, query?.integrationId)} />
      </div>
      <RunFilters values={firstValues(params)} errors={fieldErrors} integrations={integrationChoices(scope)} clearHref={base} />
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {query && page ? (
        <>
          <div className="flex flex-wrap items-start gap-3">
            <a href={`${base}/export${runQueryString(query)}`} className={buttonClass("secondary")} download>
              Export CSV
            </a>
            {canBuild ? (
              <div className="min-w-72 flex-1">
                <RerunFailed env={env} appId={app.id} query={query} failed={failed} />
              </div>
            ) : null}
          </div>
          <RunsTable
            runs={page.runs}
            environment={env}
            runHref={(runId) => `${base}/${runId}`}
            empty={filtered ? "No run matches these filters." : "No runs yet. Runs appear here as soon as an integration that is On is triggered."}
          />
          <nav aria-label="Pages of runs" className="flex justify-between text-sm">
            {page.newer !== null ? (
              <Link href={`${base}${runQueryString(query, { after: page.newer })}`} className="text-brand-700 hover:underline">
                ← Newer runs
              </Link>
            ) : (
              <span />
            )}
            {page.older !== null ? (
              <Link href={`${base}${runQueryString(query, { cursor: page.older })}`} className="text-brand-700 hover:underline">
                Older runs →
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}

const runIdSchema = z.coerce.number().int().positive();

export async function RunPage({ env, appId, runId }: { env: EnvironmentKind; appId: string; runId: string }) {
  const { user, app, canBuild } = await loadAppIn(env, appId);
  const id = runIdSchema.safeParse(runId);
  if (!id.success) notFound();
  const scope = appRunScope(user, env, app.id);
  let run;
  try {
    run = getRun(scope, id.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const base = runHistoryPath(env, app.id);
  const finished = run.status !== "queued" && run.status !== "running";
  return (
    <div className="space-y-5">
      <Link href={base} className="text-sm text-brand-700 hover:underline">
        ← Run history
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">Run #{run.id}</h2>
        <RunStatusBadge status={run.status} />
      </div>
      <RunDetailView
        run={run}
        environment={env}
        runHref={(runId) => `${base}/${runId}`}
        rerun={
          canBuild && finished ? (
            <section aria-labelledby="rerun-heading" className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="rerun-heading" className="mb-2 text-sm font-semibold">Re-run</h2>
              <RerunForm
                action={rerunRunAction}
                label="Re-run this run"
                submitLabel="Re-run"
                originalLabel={`Its original version (${versionLabel(env, run.version)})`}
                hidden={{ env, appId: app.id, runId: String(run.id) }}
              />
            </section>
          ) : null
        }
      />
    </div>
  );
}
