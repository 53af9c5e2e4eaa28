// The workers of this process: they claim due runs with a lease, execute them (execute-run.ts)
// and record the outcomes in batches, one transaction per batch. Leases are renewed while runs
// execute; runs whose lease expired (their process died) are queued again, at start and while
// running. Started once per process from instrumentation-node.ts; tests start their own.
import crypto from "node:crypto";
import os from "node:os";
import { claimRuns, recordOutcomes, releaseLeases, renewLeases, requeueExpiredLeases, type RunOutcome } from "@/db/queries/runs";
import type { Run } from "@/db/schema";
import { turnOffRepeatedlyFailing } from "@/lib/engine/auto-off";
import { executeRun } from "@/lib/engine/execute-run";
import { engineSettings, type EngineSettings } from "@/lib/engine/settings";
import { onRunsQueued } from "@/lib/engine/signal";
import { metrics } from "@/lib/observability/metrics";

export type Engine = {
  readonly owner: string;
  /**
   * Stops claiming, lets executing runs finish for up to `graceMs` (SHUTDOWN_GRACE_SECONDS), records their outcomes,
   * then gives back the leases of those still executing so another start takes them up.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
};

/** Step durations and retries for /metrics. */
function observe(recorded: RunOutcome[]): void {
  const { stepDuration, retries } = metrics();
  for (const outcome of recorded) {
    if (outcome.kind === "retry") retries.inc();
    for (const step of outcome.steps) if (step.durationMs !== null && step.durationMs !== undefined) stepDuration.observe({ connector: step.connectorKey }, step.durationMs / 1000);
  }
}

export function createEngine(settings: EngineSettings = engineSettings()): Engine {
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const executing = new Map<number, { run: Run; controller: AbortController; done: Promise<void> }>();
  let outcomes: RunOutcome[] = [];
  let stopping = false;
  let claimScheduled = false;
  let flushScheduled = false;

  function flush(): void {
    flushScheduled = false;
    const batch = outcomes;
    outcomes = [];
    if (batch.length === 0) return;
    try {
      const failedRuns = recordOutcomes(owner, batch).filter((run) => run.status === "failed");
      if (failedRuns.length > 0) turnOffRepeatedlyFailing(failedRuns);
      observe(batch);
    } catch (error) {
      // The runs stay leased to us; when the lease expires they are queued and executed again,
      // and their idempotency keys keep retried writes from being repeated.
      console.error(JSON.stringify({ message: "Recording run outcomes failed", error: (error as Error).message }));
    }
    scheduleClaim();
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  function start(run: Run): void {
    const controller = new AbortController();
    const done = executeRun(run, settings, controller.signal)
      .then((outcome) => {
        if (outcome) outcomes.push(outcome);
      })
      .catch((error: unknown) => {
        // executeRun turns step failures into outcomes; this is a bug, recorded on the run.
        console.error(JSON.stringify({ message: "A run failed unexpectedly", run: run.id, error: (error as Error)?.name }));
        outcomes.push({ kind: "finished", runId: run.id, status: "failed", error: "The run failed unexpectedly; the server log names the error.", steps: [], finishedAt: Date.now() });
      })
      .finally(() => {
        executing.delete(run.id);
        scheduleFlush();
      });
    executing.set(run.id, { run, controller, done });
  }

  function claim(): void {
    claimScheduled = false;
    if (stopping) return;
    const free = settings.concurrency - executing.size;
    if (free <= 0) return;
    try {
      const now = Date.now();
      for (const run of claimRuns(owner, free, now, now + settings.leaseMs)) start(run);
    } catch (error) {
      console.error(JSON.stringify({ message: "Claiming runs failed", error: (error as Error).message }));
    }
  }

  function scheduleClaim(): void {
    if (claimScheduled || stopping) return;
    claimScheduled = true;
    // After the current transaction (the one that queued runs) has committed.
    setImmediate(claim);
  }

  function renew(): void {
    const ids = [...executing.keys()];
    try {
      for (const lost of renewLeases(owner, ids, Date.now() + settings.leaseMs)) executing.get(lost)?.controller.abort();
    } catch (error) {
      console.error(JSON.stringify({ message: "Renewing run leases failed", error: (error as Error).message }));
    }
  }

  function sweep(): void {
    try {
      if (requeueExpiredLeases(Date.now()) > 0) scheduleClaim();
    } catch (error) {
      console.error(JSON.stringify({ message: "Requeueing expired runs failed", error: (error as Error).message }));
    }
  }

  sweep();
  const unsubscribe = onRunsQueued(scheduleClaim);
  const timers = [
    setInterval(scheduleClaim, settings.pollMs),
    setInterval(renew, Math.max(1000, Math.floor(settings.leaseMs / 3))),
    setInterval(sweep, Math.max(1000, Math.floor(settings.leaseMs / 2))),
  ];
  for (const timer of timers) timer.unref();
  scheduleClaim();

  return {
    owner,
    async stop({ graceMs = settings.shutdownGraceMs } = {}) {
      stopping = true;
      unsubscribe();
      for (const timer of timers) clearInterval(timer);
      const all = Promise.all([...executing.values()].map((entry) => entry.done));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([all, timeout]);
      for (const entry of executing.values()) entry.controller.abort();
      await all;
      flush();
      releaseLeases(owner, Date.now());
    },
  };
}

const globalForEngine = globalThis as unknown as { __engine?: Engine };

/** The process's engine, started once (instrumentation-node.ts). */
export function startEngine(): Engine {
  globalForEngine.__engine ??= createEngine();
  return globalForEngine.__engine;
}

export function engineRunning(): boolean {
  return globalForEngine.__engine !== undefined;
}

export async function stopEngine(options?: { graceMs?: number }): Promise<void> {
  const engine = globalForEngine.__engine;
  globalForEngine.__engine = undefined;
  await engine?.stop(options);
}
