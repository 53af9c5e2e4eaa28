// The scheduler (SPEC §6): started once per process from instrumentation-node.ts. It keeps the
// schedule triggers' registry in step with the integrations On (at once on a change signal, and
// every SCHEDULER_RESYNC_MINUTES as a safety net) and, on a heartbeat each minute, polls the
// polling triggers that are due and runs the upkeep jobs whose interval has passed: OAuth
// refreshes ahead of expiry, connection health tests and run retention. A job still running
// when it is due again is skipped, and a failing job is logged, never fatal.
import cron, { type ScheduledTask } from "node-cron";
import { refreshExpiringTokens } from "@/lib/connections/oauth-access";
import { testConnectionsDue } from "@/lib/connections/health-check";
import { schedulerConfig, type SchedulerConfig } from "@/lib/scheduler/config";
import { pollDueTriggers } from "@/lib/scheduler/polling";
import { pruneOldRuns } from "@/lib/scheduler/retention";
import { clearSchedules, syncSchedules } from "@/lib/scheduler/schedules";
import { onIntegrationsChanged } from "@/lib/scheduler/signal";

const MINUTE_MS = 60_000;

type Job = { name: string; everyMinutes: number; run: () => Promise<unknown> };

type State = {
  heartbeat: ScheduledTask;
  unsubscribe: () => void;
  jobs: Job[];
  lastRun: Map<string, number>;
  running: Set<string>;
  resyncQueued: boolean;
};

// On globalThis: instrumentation and route handlers are separate bundles, and only one
// scheduler may run in a process.
const globalForScheduler = globalThis as unknown as { __scheduler?: State };

function log(message: string, data: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ scheduler: message, ...data }));
}

function resync(): void {
  try {
    const { added, removed } = syncSchedules();
    if (added.length > 0 || removed.length > 0) log("schedules synced", { added: added.length, removed: removed.length });
  } catch (error) {
    console.error(JSON.stringify({ scheduler: "re-sync failed", error: (error as Error)?.message }));
  }
}

function jobsOf(config: SchedulerConfig): Job[] {
  const jobs: Job[] = [
    { name: "resync", everyMinutes: config.resyncMinutes, run: async () => resync() },
    { name: "oauth refresh", everyMinutes: config.oauthRefreshMinutes, run: () => refreshExpiringTokens(config.oauthRefreshAheadMinutes * MINUTE_MS) },
    { name: "connection tests", everyMinutes: config.connectionTestMinutes, run: () => testConnectionsDue(config.connectionTestMinutes * MINUTE_MS) },
    { name: "retention", everyMinutes: config.retentionDays > 0 ? config.retentionMinutes : 0, run: () => pruneOldRuns(config.retentionDays) },
  ];
  return jobs.filter((job) => job.everyMinutes > 0);
}

async function runJob(state: State, name: string, run: () => Promise<unknown>): Promise<void> {
  if (state.running.has(name)) return;
  state.running.add(name);
  try {
    const result = await run();
    // A report is worth a line when it did something: a count above 0 or a list not empty.
    const summary = typeof result === "number" ? { count: result } : ((result ?? {}) as Record<string, unknown>);
    if (Object.values(summary).some((value) => (typeof value === "number" ? value > 0 : Array.isArray(value) && value.length > 0))) log(`${name} done`, summary);
  } catch (error) {
    console.error(JSON.stringify({ scheduler: `${name} failed`, error: (error as Error)?.message }));
  } finally {
    state.running.delete(name);
  }
}

function heartbeat(state: State, now = Date.now()): void {
  void runJob(state, "polls", () => pollDueTriggers(now));
  for (const job of state.jobs) {
    // The first run of each job is one interval after the start, not at it: a restart is not a reason to test every connection.
    if (now - (state.lastRun.get(job.name) ?? now) < job.everyMinutes * MINUTE_MS - 1000) continue;
    state.lastRun.set(job.name, now);
    void runJob(state, job.name, job.run);
  }
}

/** Starts the scheduler of this process; false when one already runs (or SCHEDULER_ENABLED=false). */
export function startScheduler(): boolean {
  if (globalForScheduler.__scheduler) return false;
  const config = schedulerConfig();
  if (!config.enabled) return false;
  const now = Date.now();
  const jobs = jobsOf(config);
  const state: State = {
    jobs,
    lastRun: new Map(jobs.map((job) => [job.name, now])),
    running: new Set(),
    resyncQueued: false,
    unsubscribe: onIntegrationsChanged(() => {
      if (state.resyncQueued) return;
      state.resyncQueued = true;
      // After the change's transaction has committed, and once for a burst of changes.
      setImmediate(() => {
        state.resyncQueued = false;
        resync();
      });
    }),
    heartbeat: cron.schedule("* * * * *", () => heartbeat(state), { name: "scheduler heartbeat" }),
  };
  globalForScheduler.__scheduler = state;
  resync();
  return true;
}

export function schedulerRunning(): boolean {
  return globalForScheduler.__scheduler !== undefined;
}

/** Stops the heartbeat and every schedule task; jobs already running finish on their own. */
export async function stopScheduler(): Promise<void> {
  const state = globalForScheduler.__scheduler;
  if (!state) return;
  globalForScheduler.__scheduler = undefined;
  state.unsubscribe();
  await state.heartbeat.destroy();
  clearSchedules();
}
