// Reads of Run history: pages of runs newest first, keyset-paginated on the run ID (never OFFSET),
// one run with its re-runs, the run counters and the daily counts for the chart. The text search
// is SQLite's FTS5 (the `runs_search` table of migration 0006): its SQL stays in this file.
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, sum, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { integrationVersions, runCounters, runDailyCounts, runs, type Run, type RunStatus } from "@/db/schema";

export type RunFilter = {
  environmentId: string;
  appId?: string;
  integrationId?: string;
  status?: RunStatus;
  /** Creation time, epoch ms: from inclusive, before exclusive. */
  createdFrom?: number;
  createdBefore?: number;
  /** Words to find in the trigger item, as the person typed them. */
  search?: string;
};

/** `before`: runs older than this ID (the next page); `after`: newer than it (the previous page). */
export type PageRequest = { limit: number; before?: number; after?: number };

/** IDs of one page, newest first; `more` says whether the query had runs beyond it. */
export type IdPage = { ids: number[]; more: boolean };

type IdRange = { lo: number; hi: number };

/**
 * The user's words as an FTS5 query: each word quoted (a `"` inside doubled), all required. A
 * quoted word is a phrase to FTS5, so `AND(`, `NEAR` or `*` are searched as text, never parsed as
 * operators. Words without a letter or digit are left out: the tokenizer drops them, and an empty
 * phrase would make the whole query match nothing. Null when no word is left.
 */
export function ftsQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length === 0 ? null : words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" AND ");
}

function firstIdCreatedFrom(time: number): number | undefined {
  return getDb().select({ id: runs.id }).from(runs).where(gte(runs.createdAt, time)).orderBy(asc(runs.createdAt), asc(runs.id)).limit(1).get()?.id;
}

function lastIdCreatedBefore(time: number): number | undefined {
  return getDb().select({ id: runs.id }).from(runs).where(lt(runs.createdAt, time)).orderBy(desc(runs.createdAt), desc(runs.id)).limit(1).get()?.id;
}

/**
 * The run IDs the filter's dates and the page's cursor allow, or null when none can match. Run IDs
 * grow with creation time (a run's time is taken in the transaction that inserts it), so a date
 * range is an ID range found in two look-ups of the `runs_created` index: every other index keeps
 * serving the order, and a range far in the past costs no more than today's.
 */
function idRangeOf(filter: RunFilter, page: Pick<PageRequest, "before" | "after">): IdRange | null {
  let lo = page.after === undefined ? 1 : page.after + 1;
  let hi = page.before === undefined ? Number.MAX_SAFE_INTEGER : page.before - 1;
  if (filter.createdFrom !== undefined) {
    const first = firstIdCreatedFrom(filter.createdFrom);
    if (first === undefined) return null;
    lo = Math.max(lo, first);
  }
  if (filter.createdBefore !== undefined) {
    const last = lastIdCreatedBefore(filter.createdBefore);
    if (last === undefined) return null;
    hi = Math.min(hi, last);
  }
  return lo <= hi ? { lo, hi } : null;
}

/**
 * The filter's app. With an integration, it is checked once, on one run of the integration, not on
 * every row: all of an integration's runs are of its app (queueing takes both from the integration),
 * and the integration indexes do not hold the app, so checking each row read the table for every
 * run matched (counting one integration's failed runs in a million read thousands of rows).
 */
function appCondition(filter: RunFilter): SQL | undefined {
  if (filter.appId === undefined) return undefined;
  if (filter.integrationId === undefined) return eq(runs.appId, filter.appId);
  return sql`(SELECT one.app_id FROM runs AS one INDEXED BY runs_integration_id WHERE one.integration_id = ${filter.integrationId} AND one.environment_id = ${filter.environmentId} LIMIT 1) = ${filter.appId}`;
}

/**
 * The conditions on `runs` every query of a filter shares (the search aside). The dates are checked
 * on the rows too, so a run whose clock disagreed with its ID is never shown outside them.
 */
function conditionsOf(filter: RunFilter, range: IdRange): SQL {
  return and(
    eq(runs.environmentId, filter.environmentId),
    appCondition(filter),
    filter.integrationId === undefined ? undefined : eq(runs.integrationId, filter.integrationId),
    filter.status === undefined ? undefined : eq(runs.status, filter.status),
    filter.createdFrom === undefined ? undefined : gte(runs.createdAt, filter.createdFrom),
    filter.createdBefore === undefined ? undefined : lt(runs.createdAt, filter.createdBefore),
    gte(runs.id, range.lo),
    lte(runs.id, range.hi),
  )!;
}

/**
 * The index a filter reads, named rather than left to the planner: without statistics, SQLite
 * prefers `runs_environment_id` once an ID range is present, and would read every run of the
 * environment to find one integration's. Each choice has the filter's equalities as leading
 * columns and the run ID last, so it serves the order and the keyset without sorting.
 */
function indexFor(filter: RunFilter): SQL {
  if (filter.integrationId !== undefined) return sql.raw(filter.status === undefined ? "runs_integration_id" : "runs_integration_status_id");
  if (filter.appId !== undefined) return sql.raw(filter.status === undefined ? "runs_app_id" : "runs_app_status_id");
  return sql.raw("runs_environment_id");
}

/**
 * `FROM … WHERE …` of a filter. A search walks the FTS5 matches (CROSS JOIN keeps them the outer
 * loop, in rowid order, with the ID range given to FTS5 itself) and checks each against the index
 * only; otherwise the index is read directly, newest first.
 */
function sourceOf(filter: RunFilter, match: string | undefined, range: IdRange): { from: SQL; order: SQL } {
  const conditions = conditionsOf(filter, range);
  if (match === undefined) return { from: sql`runs INDEXED BY ${indexFor(filter)} WHERE ${conditions}`, order: sql`runs.id` };
  return {
    from: sql`runs_search CROSS JOIN runs INDEXED BY ${indexFor(filter)} ON runs.id = runs_search.rowid
      WHERE runs_search MATCH ${match} AND runs_search.rowid BETWEEN ${range.lo} AND ${range.hi} AND ${conditions}`,
    order: sql`runs_search.rowid`,
  };
}

/** The filter's query, or null when nothing can match (no run in the dates, no word to search). */
function plan(filter: RunFilter, page: Pick<PageRequest, "before" | "after">) {
  const range = idRangeOf(filter, page);
  const match = filter.search === undefined ? undefined : ftsQuery(filter.search);
  return range === null || match === null ? null : sourceOf(filter, match, range);
}

/** One page of the filter's run IDs, newest first (an `after` page is read oldest first, then turned). */
export function findRunIds(filter: RunFilter, page: PageRequest): IdPage {
  const query = plan(filter, page);
  if (query === null) return { ids: [], more: false };
  const newestFirst = page.after === undefined;
  const ids = getDb()
    .all<{ id: number }>(sql`SELECT runs.id AS id FROM ${query.from} ORDER BY ${query.order} ${sql.raw(newestFirst ? "DESC" : "ASC")} LIMIT ${page.limit + 1}`)
    .map((row) => row.id);
  const kept = ids.slice(0, page.limit);
  return { ids: newestFirst ? kept : kept.reverse(), more: ids.length > page.limit };
}

/**
 * How many runs match (the confirmation of "re-run every failed run"), counted through the filter's
 * index; with `atMost`, counting stops there, so a page asking "more than N?" reads at most N rows.
 */
export function countRuns(filter: RunFilter, atMost?: number): number {
  const query = plan(filter, {});
  if (query === null) return 0;
  const matching = atMost === undefined ? sql`SELECT 1 FROM ${query.from}` : sql`SELECT 1 FROM ${query.from} LIMIT ${atMost}`;
  return getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM (${matching})`)?.n ?? 0;
}

const runColumns = {
  id: runs.id,
  environmentId: runs.environmentId,
  appId: runs.appId,
  integrationId: runs.integrationId,
  // The integration's name in the version the run executed.
  integrationName: integrationVersions.name,
  versionId: runs.versionId,
  version: runs.version,
  status: runs.status,
  source: runs.source,
  triggerData: runs.triggerData,
  attempts: runs.attempts,
  error: runs.error,
  rerunOf: runs.rerunOf,
  createdAt: runs.createdAt,
  startedAt: runs.startedAt,
  finishedAt: runs.finishedAt,
};

export type RunRow = Omit<Run, "runAfter" | "leaseOwner" | "leaseExpiresAt"> & { integrationName: string | null };

/** The runs of a page's IDs, newest first. */
export function runRowsByIds(ids: number[]): RunRow[] {
  if (ids.length === 0) return [];
  return getDb()
    .select(runColumns)
    .from(runs)
    .leftJoin(integrationVersions, eq(integrationVersions.id, runs.versionId))
    .where(inArray(runs.id, ids))
    .orderBy(desc(runs.id))
    .all();
}

/** One run of an environment (another environment's ID reads as missing). */
export function findRunRow(environmentId: string, runId: number): RunRow | undefined {
  return getDb()
    .select(runColumns)
    .from(runs)
    .leftJoin(integrationVersions, eq(integrationVersions.id, runs.versionId))
    .where(and(eq(runs.id, runId), eq(runs.environmentId, environmentId)))
    .get();
}

/** The re-runs made of a run, oldest first. */
export function rerunsOf(runId: number): { id: number; status: RunStatus }[] {
  return getDb().select({ id: runs.id, status: runs.status }).from(runs).where(eq(runs.rerunOf, runId)).orderBy(asc(runs.id)).all();
}

/** The runs of one app or integration in one month: its counter row, read by its key. */
export function runsInMonth(environmentId: string, scope: "app" | "integration", scopeId: string, month: string): number {
  return (
    getDb()
      .select({ runs: runCounters.runs })
      .from(runCounters)
      .where(and(eq(runCounters.environmentId, environmentId), eq(runCounters.scope, scope), eq(runCounters.scopeId, scopeId), eq(runCounters.month, month)))
      .get()?.runs ?? 0
  );
}

/**
 * Runs this month and the last run of each scope ID (apps or integrations), from the counters kept
 * as runs are queued: a few rows per ID (one per month it ran), never a COUNT(*) over runs.
 */
export function runCountersOf(environmentId: string, scope: "app" | "integration", scopeIds: string[], month: string) {
  if (scopeIds.length === 0) return [];
  return getDb()
    .select({
      scopeId: runCounters.scopeId,
      runsThisMonth: sql<number>`sum(case when ${runCounters.month} = ${month} then ${runCounters.runs} else 0 end)`.mapWith(Number),
      lastRunAt: sql<number>`max(${runCounters.lastRunAt})`.mapWith(Number),
    })
    .from(runCounters)
    .where(and(eq(runCounters.environmentId, environmentId), eq(runCounters.scope, scope), inArray(runCounters.scopeId, scopeIds)))
    .groupBy(runCounters.scopeId)
    .all();
}

/** Finished runs per day and status of an app (or one of its integrations) from `fromDay` on. */
export function dailyRunCounts(filter: { environmentId: string; appId: string; integrationId?: string }, fromDay: string) {
  return getDb()
    .select({ day: runDailyCounts.day, status: runDailyCounts.status, runs: sum(runDailyCounts.runs).mapWith(Number) })
    .from(runDailyCounts)
    .where(
      and(
        eq(runDailyCounts.environmentId, filter.environmentId),
        eq(runDailyCounts.appId, filter.appId),
        filter.integrationId === undefined ? undefined : eq(runDailyCounts.integrationId, filter.integrationId),
        gte(runDailyCounts.day, fromDay),
      ),
    )
    .groupBy(runDailyCounts.day, runDailyCounts.status)
    .all();
}
