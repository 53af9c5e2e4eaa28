// Re-run (SPEC §9.4): a finished run's trigger item through its integration again, as a new run
// (source "rerun", `rerunOf` the original), on the version the original ran or on the
// integration's latest (Production: the deployed row; Development: the builder's definition). One
// run, or every failed run matching a Run history filter. Queued through `queueRuns` like any
// other run, so the engine, the counters and the history treat them alike. Builders and admins only.
import { getDb, type Tx } from "@/db/client";
import { countRuns, findRunIds, runRowsByIds, type RunRow } from "@/db/queries/run-history";
import { integrationOfEnvironment } from "@/db/queries/runnable";
import { findIntegrationVersion } from "@/db/queries/runs";
import { FINISHED_RUN_STATUSES, type RunStatus } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import type { JsonValue } from "@/lib/connectors/framework";
import { queueRuns, toRunnable, type Runnable } from "@/lib/engine/queue";
import { ENVIRONMENT_LABEL } from "@/lib/environments";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { filterOf, findRunOfScope, type AppRunScope } from "@/lib/runs/history";
import { RUN_STATUS_LABEL } from "@/lib/runs/labels";
import type { RunQuery } from "@/lib/runs/run-query";

export const RERUN_VERSIONS = ["original", "latest"] as const;
export type RerunVersion = (typeof RERUN_VERSIONS)[number];

/** More failed runs than this at once must be narrowed down (by dates, say) first. */
export const MAX_RERUNS = 10_000;
const BATCH = 500;

/** The version the run executed: its `integration_versions` row, written when it was queued. */
function originalRunnable(scope: AppRunScope, run: RunRow): Runnable | null {
  const row = findIntegrationVersion(run.versionId);
  if (!row) throw new NotFoundError(`Version ${run.version} of ${run.integrationName ?? run.integrationId}`);
  return toRunnable(scope.environment, { id: row.integrationId, appId: run.appId, name: row.name, definition: row.definition, version: row.version });
}

/** The integration as it is now in the environment; an archived or removed one has no latest version. */
function latestRunnable(scope: AppRunScope, run: RunRow): Runnable | null {
  const kind = scope.environment.kind;
  const row = integrationOfEnvironment(run.integrationId, kind);
  if (!row || row.archived) {
    const what = row ? "is archived" : kind === "production" ? "was removed from Production by a later deployment" : "no longer exists";
    throw new ConflictError(`${run.integrationName ?? run.integrationId} ${what}, so it has no latest version in ${ENVIRONMENT_LABEL[kind]}: re-run on the original version instead.`);
  }
  return toRunnable(scope.environment, row);
}

/** Resolves each run's runnable once per version, so a batch of re-runs reads each version once. */
function runnableResolver(scope: AppRunScope, version: RerunVersion): (run: RunRow) => Runnable {
  const built = new Map<string, Runnable>();
  return (run) => {
    const key = version === "original" ? run.versionId : run.integrationId;
    const known = built.get(key);
    if (known) return known;
    const runnable = (version === "original" ? originalRunnable : latestRunnable)(scope, run);
    if (!runnable) throw new ConflictError(`${run.integrationName ?? run.integrationId} has no trigger in that version, so it cannot run.`);
    built.set(key, runnable);
    return runnable;
  };
}

function queueReruns(tx: Tx, rows: RunRow[], runnableOf: (run: RunRow) => Runnable): number[] {
  const byRunnable = new Map<Runnable, RunRow[]>();
  for (const row of rows) {
    const runnable = runnableOf(row);
    const group = byRunnable.get(runnable);
    if (group) group.push(row);
    else byRunnable.set(runnable, [row]);
  }
  const ids: number[] = [];
  for (const [runnable, group] of byRunnable) {
    ids.push(...queueRuns(tx, runnable, "rerun", group.map((row) => row.triggerData as JsonValue), { rerunOf: group.map((row) => row.id) }));
  }
  return ids;
}

const isFinished = (status: RunStatus) => (FINISHED_RUN_STATUSES as readonly RunStatus[]).includes(status);

/** Re-runs one finished run of the app; returns the new run's ID. */
export function rerunRun(actor: Actor, scope: AppRunScope, runId: number, version: RerunVersion): number {
  requireRole(actor, "builder", "re-run runs");
  const run = findRunOfScope(scope, runId);
  if (!isFinished(run.status)) throw new ConflictError(`Run #${run.id} is still ${RUN_STATUS_LABEL[run.status].toLowerCase()}: re-run it once it has ended.`);
  const runnableOf = runnableResolver(scope, version);
  return getDb().transaction((tx) => queueReruns(tx, [run], runnableOf)[0], { behavior: "immediate" });
}

/** The filter of "every failed run matching": the query's own, with the status failed. */
function failedFilter(scope: AppRunScope, query: RunQuery) {
  return query.status !== undefined && query.status !== "failed" ? null : { ...filterOf(scope, query), status: "failed" as const };
}

/**
 * How many failed runs the query matches, the number the confirmation states, counted up to
 * MAX_RERUNS + 1: beyond that a page only says there are too many. Counting them all made every
 * Run history page read all of an app's failed runs (a million runs: a third of its time).
 */
export function countFailedRuns(scope: AppRunScope, query: RunQuery): number {
  const filter = failedFilter(scope, query);
  return filter ? countRuns(filter, MAX_RERUNS + 1) : 0;
}

/**
 * Re-runs every failed run the query matches, all in one transaction: either every re-run is
 * queued, or (a refused version, say) none is. Returns the new runs' IDs.
 */
export function rerunFailedRuns(actor: Actor, scope: AppRunScope, query: RunQuery, version: RerunVersion): number[] {
  requireRole(actor, "builder", "re-run runs");
  const filter = failedFilter(scope, query);
  if (!filter) return [];
  const runnableOf = runnableResolver(scope, version);
  return getDb().transaction(
    (tx) => {
      const total = countRuns(filter);
      if (total > MAX_RERUNS) {
        throw new ValidationError(`${total} failed runs match this filter; re-run at most ${MAX_RERUNS} at once. Narrow the filter, for example by dates.`);
      }
      const queued: number[] = [];
      // Newest first from the newest failed run now: the re-runs queued here are newer, never read.
      let before: number | undefined;
      for (;;) {
        const page = findRunIds(filter, { limit: BATCH, before });
        queued.push(...queueReruns(tx, runRowsByIds(page.ids), runnableOf));
        if (!page.more) return queued;
        before = page.ids[page.ids.length - 1];
      }
    },
    { behavior: "immediate" },
  );
}
