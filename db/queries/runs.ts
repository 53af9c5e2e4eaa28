// The run queue: queueing runs (with their counters) inside the caller's transaction, claiming
// them with a lease, renewing and releasing leases, and recording how they ended. Every write
// that changes a run's status checks the lease it holds, so a worker whose lease was taken over
// can never overwrite the run's newer state.
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { preparedPerHandle } from "@/db/prepared";
import { environments, integrationVersions, runCounters, runDailyCounts, runs, runSteps, type FinishedRunStatus, type Run, type RunSource } from "@/db/schema";

type Handle = Db | Tx;

export type NewRun = {
  environmentId: string;
  appId: string;
  integrationId: string;
  versionId: string;
  version: number;
  source: RunSource;
  triggerData: unknown;
  rerunOf?: number | null;
};

/** `YYYY-MM` and `YYYY-MM-DD` of a time, in UTC: the keys of the run counters. */
export function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

// Queueing is on the path of every event (a webhook request is one transaction around it).
const queueStatements = preparedPerHandle((db) => {
  const p = (name: string) => sql.placeholder(name);
  return {
    version: db
      .insert(integrationVersions)
      .values({ id: p("id"), integrationId: p("integrationId"), environmentId: p("environmentId"), version: p("version"), name: p("name"), definition: p("definition"), createdAt: p("createdAt") })
      .onConflictDoNothing()
      .prepare(),
    run: db
      .insert(runs)
      .values({
        environmentId: p("environmentId"),
        appId: p("appId"),
        integrationId: p("integrationId"),
        versionId: p("versionId"),
        version: p("version"),
        status: "queued",
        source: p("source"),
        triggerData: p("triggerData"),
        attempts: 0,
        runAfter: p("now"),
        rerunOf: p("rerunOf"),
        createdAt: p("now"),
      })
      .returning({ id: runs.id })
      .prepare(),
    count: db
      .insert(runCounters)
      .values({ environmentId: p("environmentId"), scope: p("scope"), scopeId: p("scopeId"), month: p("month"), runs: p("count"), lastRunAt: p("now") })
      .onConflictDoUpdate({
        target: [runCounters.environmentId, runCounters.scope, runCounters.scopeId, runCounters.month],
        set: { runs: sql`${runCounters.runs} + excluded.runs`, lastRunAt: sql`excluded.last_run_at` },
      })
      .prepare(),
  };
});

/** Writes the version row a run executes, once: versions are immutable. Inside the caller's transaction. */
export function ensureIntegrationVersion(version: { id: string; integrationId: string; environmentId: string; version: number; name: string; definition: unknown }): void {
  queueStatements(getDb()).version.run({ ...version, createdAt: Date.now() });
}

export function findIntegrationVersion(versionId: string, db: Handle = getDb()) {
  return db.select().from(integrationVersions).where(eq(integrationVersions.id, versionId)).get();
}

/** Queues the runs inside the caller's transaction and counts them; returns their IDs in order. */
export function insertQueuedRuns(newRuns: NewRun[], now = Date.now()): number[] {
  if (newRuns.length === 0) return [];
  const statements = queueStatements(getDb());
  const ids = newRuns.map((run) => statements.run.get({ ...run, rerunOf: run.rerunOf ?? null, now })!.id);
  const perIntegration = new Map<string, { environmentId: string; appId: string; integrationId: string; count: number }>();
  for (const run of newRuns) {
    const key = `${run.environmentId}\u0000${run.integrationId}`;
    const entry = perIntegration.get(key) ?? { environmentId: run.environmentId, appId: run.appId, integrationId: run.integrationId, count: 0 };
    entry.count += 1;
    perIntegration.set(key, entry);
  }
  const perApp = new Map<string, { environmentId: string; appId: string; count: number }>();
  const month = monthOf(now);
  for (const entry of perIntegration.values()) {
    statements.count.run({ environmentId: entry.environmentId, scope: "integration", scopeId: entry.integrationId, month, count: entry.count, now });
    const appKey = `${entry.environmentId}\u0000${entry.appId}`;
    const app = perApp.get(appKey) ?? { environmentId: entry.environmentId, appId: entry.appId, count: 0 };
    app.count += entry.count;
    perApp.set(appKey, app);
  }
  for (const app of perApp.values()) statements.count.run({ environmentId: app.environmentId, scope: "app", scopeId: app.appId, month, count: app.count, now });
  return ids;
}

/**
 * Runs by environment kind and status, for /metrics: finished ones from the daily counts (a small
 * table), queued and running ones from the runs table through its partial status indexes.
 */
export function runTotals(): { environment: string; status: string; runs: number }[] {
  const finished = getDb()
    .select({ environment: environments.kind, status: runDailyCounts.status, runs: sql<number>`sum(${runDailyCounts.runs})` })
    .from(runDailyCounts)
    .innerJoin(environments, eq(environments.id, runDailyCounts.environmentId))
    .groupBy(environments.kind, runDailyCounts.status)
    .all();
  const open = getDb()
    .select({ environment: environments.kind, status: runs.status, runs: sql<number>`count(*)` })
    .from(runs)
    .innerJoin(environments, eq(environments.id, runs.environmentId))
    .where(inArray(runs.status, ["queued", "running"]))
    .groupBy(environments.kind, runs.status)
    .all();
  return [...finished, ...open];
}

/** How many queued runs are due, and since when the oldest has waited (read through the claim index). */
export function dueRuns(now: number): { count: number; oldestDueAt: number | null } {
  const row = getDb()
    .select({ count: sql<number>`count(*)`, oldestDueAt: sql<number | null>`min(${runs.runAfter})` })
    .from(runs)
    .where(and(eq(runs.status, "queued"), lte(runs.runAfter, now)))
    .get()!;
  return { count: row.count, oldestDueAt: row.oldestDueAt };
}

// Claiming is on the path of every run: one statement.
const claimStatement = preparedPerHandle((db) => {
  const due = db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.status, "queued"), lte(runs.runAfter, sql.placeholder("now"))))
    .orderBy(asc(runs.runAfter), asc(runs.id))
    .limit(sql.placeholder("limit"));
  return db
    .update(runs)
    .set({
      status: "running",
      leaseOwner: sql`${sql.placeholder("owner")}`,
      leaseExpiresAt: sql`${sql.placeholder("leaseUntil")}`,
      attempts: sql`${runs.attempts} + 1`,
      startedAt: sql`coalesce(${runs.startedAt}, ${sql.placeholder("now")})`,
    })
    .where(and(inArray(runs.id, due), eq(runs.status, "queued")))
    .returning()
    .prepare();
});

/**
 * Claims up to `limit` runs that are due, oldest first, for `owner` until `leaseUntil`. One
 * immediate transaction, so two workers (or processes) never claim the same run.
 */
export function claimRuns(owner: string, limit: number, now: number, leaseUntil: number): Run[] {
  const claim = claimStatement(getDb());
  return getDb().transaction(() => claim.all({ owner, limit, now, leaseUntil }), { behavior: "immediate" }).sort((a, b) => a.id - b.id);
}

/** Extends the leases `owner` still holds; returns the IDs it no longer holds. */
export function renewLeases(owner: string, runIds: number[], leaseUntil: number): number[] {
  if (runIds.length === 0) return [];
  const renewed = getDb()
    .update(runs)
    .set({ leaseExpiresAt: leaseUntil })
    .where(and(inArray(runs.id, runIds), eq(runs.status, "running"), eq(runs.leaseOwner, owner)))
    .returning({ id: runs.id })
    .all();
  const held = new Set(renewed.map((row) => row.id));
  return runIds.filter((id) => !held.has(id));
}

/** Runs whose worker died (lease expired) go back to the queue; returns how many. */
export function requeueExpiredLeases(now: number): number {
  return getDb()
    .update(runs)
    .set({ status: "queued", leaseOwner: null, leaseExpiresAt: null, runAfter: now })
    .where(and(eq(runs.status, "running"), lte(runs.leaseExpiresAt, now)))
    .run().changes;
}

/** Gives back the runs `owner` holds (a graceful stop): they are queued again, due now. */
export function releaseLeases(owner: string, now: number): number {
  return getDb()
    .update(runs)
    .set({ status: "queued", leaseOwner: null, leaseExpiresAt: null, runAfter: now, attempts: sql`max(${runs.attempts} - 1, 0)` })
    .where(and(eq(runs.status, "running"), eq(runs.leaseOwner, owner)))
    .run().changes;
}

export type StepRecord = Omit<typeof runSteps.$inferInsert, "runId">;

export type RunOutcome =
  | { kind: "finished"; runId: number; status: FinishedRunStatus; error: string | null; steps: StepRecord[]; finishedAt: number }
  | { kind: "retry"; runId: number; error: string; steps: StepRecord[]; runAfter: number };

/** What the engine needs of a run whose outcome was recorded (auto-off reads the failed ones). */
export type RecordedRun = Pick<Run, "id" | "environmentId" | "appId" | "integrationId" | "status" | "error">;

// Executed for every run recorded.
const outcomeStatements = preparedPerHandle((db) => {
  // A placeholder wrapped in SQL: `set` takes SQL for any column.
  const param = (name: string) => sql`${sql.placeholder(name)}`;
  const held = and(eq(runs.id, sql.placeholder("id")), eq(runs.status, "running"), eq(runs.leaseOwner, sql.placeholder("owner")));
  const columns = { id: runs.id, environmentId: runs.environmentId, appId: runs.appId, integrationId: runs.integrationId, status: runs.status, error: runs.error };
  const released = { leaseOwner: null, leaseExpiresAt: null };
  const p = (name: string) => sql.placeholder(name);
  const stepColumns = ["stepId", "name", "connectorKey", "actionKey", "status", "input", "output", "error", "attempts", "durationMs", "finishedAt"] as const;
  return {
    finish: db
      .update(runs)
      .set({ status: param("status"), error: param("error"), finishedAt: param("finishedAt"), ...released })
      .where(held)
      .returning(columns)
      .prepare(),
    retry: db
      .update(runs)
      .set({ status: "queued", error: param("error"), runAfter: param("runAfter"), ...released })
      .where(held)
      .returning(columns)
      .prepare(),
    // Upserted: a run retried after a crash or a transient failure rewrites its steps. Input and
    // output are JSON text the caller encodes (a placeholder on a JSON column would store null as "null").
    step: db
      .insert(runSteps)
      .values({
        runId: p("runId"),
        position: p("position"),
        stepId: p("stepId"),
        name: p("name"),
        connectorKey: p("connectorKey"),
        actionKey: p("actionKey"),
        status: p("status"),
        input: param("input"),
        output: param("output"),
        error: p("error"),
        attempts: p("attempts"),
        durationMs: p("durationMs"),
        finishedAt: p("finishedAt"),
      })
      .onConflictDoUpdate({ target: [runSteps.runId, runSteps.position], set: Object.fromEntries(stepColumns.map((key) => [key, sql.raw(`excluded.${runSteps[key].name}`)])) })
      .prepare(),
    daily: db
      .insert(runDailyCounts)
      .values({ environmentId: p("environmentId"), appId: p("appId"), integrationId: p("integrationId"), day: p("day"), status: p("status"), runs: p("runs") })
      .onConflictDoUpdate({
        target: [runDailyCounts.environmentId, runDailyCounts.appId, runDailyCounts.integrationId, runDailyCounts.day, runDailyCounts.status],
        set: { runs: sql`${runDailyCounts.runs} + excluded.runs` },
      })
      .prepare(),
  };
});

const jsonText = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Records what happened to claimed runs, many in one transaction (the engine batches them), with
 * their steps and the daily counts of those that finished. Returns the runs whose outcome was
 * recorded (the lease was still held).
 */
export function recordOutcomes(owner: string, outcomes: RunOutcome[]): RecordedRun[] {
  if (outcomes.length === 0) return [];
  const statements = outcomeStatements(getDb());
  return getDb().transaction(
    () => {
      const recorded: RecordedRun[] = [];
      const daily = new Map<string, typeof runDailyCounts.$inferInsert>();
      for (const outcome of outcomes) {
        const run =
          outcome.kind === "finished"
            ? statements.finish.get({ id: outcome.runId, owner, status: outcome.status, error: outcome.error, finishedAt: outcome.finishedAt })
            : statements.retry.get({ id: outcome.runId, owner, error: outcome.error, runAfter: outcome.runAfter });
        if (!run) continue;
        recorded.push(run);
        for (const step of outcome.steps) {
          statements.step.run({ ...step, runId: run.id, error: step.error ?? null, input: jsonText(step.input), output: jsonText(step.output) });
        }
        if (outcome.kind === "finished") {
          const day = dayOf(outcome.finishedAt);
          const key = [run.environmentId, run.appId, run.integrationId, day, outcome.status].join("\u0000");
          const entry = daily.get(key) ?? { environmentId: run.environmentId, appId: run.appId, integrationId: run.integrationId, day, status: outcome.status, runs: 0 };
          entry.runs += 1;
          daily.set(key, entry);
        }
      }
      for (const entry of daily.values()) statements.daily.run(entry);
      return recorded;
    },
    { behavior: "immediate" },
  );
}

/** The steps a run has recorded so far, in order (a resumed run skips those that succeeded). */
export function stepsOfRun(runId: number, db: Handle = getDb()) {
  return db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.position)).all();
}

/** The statuses of the integration's last `limit` finished runs in the environment, newest first. */
export function lastFinishedStatuses(integrationId: string, environmentId: string, limit: number, db: Handle = getDb()): string[] {
  return db
    .select({ status: runs.status })
    .from(runs)
    .where(and(eq(runs.integrationId, integrationId), eq(runs.environmentId, environmentId), inArray(runs.status, ["succeeded", "failed", "filtered"])))
    .orderBy(desc(runs.id))
    .limit(limit)
    .all()
    .map((row) => row.status);
}
