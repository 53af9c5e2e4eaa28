// Run history (SPEC §2, §9.4): an app's runs in one environment, newest first, filtered by
// integration, status, dates and words of the trigger item; one run with its steps; runs this
// month and runs per day. Every role of the account reads; another account's app or run is "not
// found", and so is a run of the other environment.
import { listProductionIntegrationRows } from "@/db/queries/deploy";
import { listIntegrationRows } from "@/db/queries/integrations";
import { dayOf, monthOf, stepsOfRun } from "@/db/queries/runs";
import { dailyRunCounts, findRunIds, findRunRow, rerunsOf, runRowsByIds, runsInMonth, type RunFilter, type RunRow } from "@/db/queries/run-history";
import type { Environment, EnvironmentKind, FinishedRunStatus, RunStatus, RunStep } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { getConnector } from "@/lib/connectors/registry";
import { environmentOf } from "@/lib/environments";
import { NotFoundError } from "@/lib/errors";
import { DEFAULT_RUNS_PAGE, endOf, startOf, type RunQuery } from "@/lib/runs/run-query";
import { summarizeTrigger } from "@/lib/runs/trigger-summary";

/** Whose runs: one environment of the actor's account, and one of its apps (the REST API may read all). */
export type RunScope = { environment: Environment; appId?: string };
export type AppRunScope = RunScope & { appId: string };

export type RunView = Omit<RunRow, "integrationName"> & {
  integrationName: string;
  /** From the first start to the end, retries included; null until it ends. */
  durationMs: number | null;
  triggerSummary: string;
};

export type RunStepView = RunStep & { connectorName: string; actionName: string };

export type RunDetail = RunView & { steps: RunStepView[]; reruns: { id: number; status: RunStatus }[] };

/** A page of runs: `newer` is the `after` of the previous page, `older` the `cursor` of the next. */
export type RunHistoryPage = { runs: RunView[]; newer: number | null; older: number | null };

export const RUN_NOT_FOUND = "The run";

/** An app of the actor's account, in the environment the page shows. */
export function appRunScope(actor: Actor, kind: EnvironmentKind, appId: string): AppRunScope {
  const app = appOfAccount(actor, appId);
  return { environment: environmentOf(actor.accountId, kind), appId: app.id };
}

/** The environment of an access key, narrowed to one of the account's apps when asked. */
export function environmentRunScope(actor: Actor, environment: Environment, appId?: string): RunScope {
  if (environment.accountId !== actor.accountId) throw new NotFoundError("The environment");
  return { environment, appId: appId === undefined ? undefined : appOfAccount(actor, appId).id };
}

export function filterOf(scope: RunScope, query: RunQuery): RunFilter {
  return {
    environmentId: scope.environment.id,
    appId: scope.appId,
    integrationId: query.integrationId,
    status: query.status,
    createdFrom: query.from === undefined ? undefined : startOf(query.from),
    createdBefore: query.to === undefined ? undefined : endOf(query.to),
    search: query.q,
  };
}

export function toRunView(row: RunRow): RunView {
  return {
    ...row,
    integrationName: row.integrationName ?? row.integrationId,
    durationMs: row.startedAt !== null && row.finishedAt !== null ? row.finishedAt - row.startedAt : null,
    triggerSummary: summarizeTrigger(row.triggerData),
  };
}

export function runViewsByIds(ids: number[]): RunView[] {
  return runRowsByIds(ids).map(toRunView);
}

export function findRuns(scope: RunScope, query: RunQuery): RunHistoryPage {
  const filter = filterOf(scope, query);
  const limit = query.limit ?? DEFAULT_RUNS_PAGE;
  let page = findRunIds(filter, { limit, before: query.cursor, after: query.after });
  let after = query.after;
  // "Newer" reached the newest runs: show the first page, full, as if there were no cursor.
  if (after !== undefined && !page.more) {
    page = findRunIds(filter, { limit });
    after = undefined;
  }
  const { ids, more } = page;
  const first = ids[0];
  const last = ids[ids.length - 1];
  return {
    runs: runViewsByIds(ids),
    newer: first !== undefined && (query.cursor !== undefined || after !== undefined) ? first : null,
    older: last !== undefined && (more || after !== undefined) ? last : null,
  };
}

function stepView(step: RunStep): RunStepView {
  const connector = getConnector(step.connectorKey);
  const action = connector?.actions.find((candidate) => candidate.key === step.actionKey);
  return { ...step, connectorName: connector?.name ?? step.connectorKey, actionName: action?.name ?? step.actionKey };
}

/** The run as the scope sees it (an ID of another app, environment or account is "not found"). */
export function findRunOfScope(scope: RunScope, runId: number): RunRow {
  const row = findRunRow(scope.environment.id, runId);
  if (!row || (scope.appId !== undefined && row.appId !== scope.appId)) throw new NotFoundError(RUN_NOT_FOUND);
  return row;
}

export function getRun(scope: RunScope, runId: number): RunDetail {
  const row = findRunOfScope(scope, runId);
  return { ...toRunView(row), steps: stepsOfRun(row.id).map(stepView), reruns: rerunsOf(row.id) };
}

/** The app's integrations in the scope's environment, archived ones too: the Integration filter's choices. */
export function integrationChoices(scope: AppRunScope): { id: string; name: string }[] {
  const rows = scope.environment.kind === "production" ? listProductionIntegrationRows(scope.appId) : listIntegrationRows(scope.appId);
  return rows.map(({ id, name }) => ({ id, name }));
}

/** The app's runs this UTC month: one counter row. */
export function appRunsThisMonth(scope: AppRunScope, now = Date.now()): number {
  return runsInMonth(scope.environment.id, "app", scope.appId, monthOf(now));
}

export type DayOfRuns = { day: string } & Record<FinishedRunStatus, number>;

const CHART_DAYS = 30;

/** Finished runs per UTC day and status over the last 30 days (today included), oldest first. */
export function runsPerDay(scope: AppRunScope, integrationId?: string, now = Date.now()): DayOfRuns[] {
  const days = Array.from({ length: CHART_DAYS }, (_, index) => dayOf(now - (CHART_DAYS - 1 - index) * 86_400_000));
  const byDay = new Map(days.map((day): [string, DayOfRuns] => [day, { day, succeeded: 0, failed: 0, filtered: 0 }]));
  for (const row of dailyRunCounts({ environmentId: scope.environment.id, appId: scope.appId, integrationId }, days[0])) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.status] += row.runs;
  }
  return days.map((day) => byDay.get(day)!);
}
