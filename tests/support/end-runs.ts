// Ends queued runs as a worker would, through the queue's own writers: claimRuns, then
// recordOutcomes with the ending chosen for each run. So runs ended here keep their counters and
// daily counts exactly as the engine's do. Run history tests end runs with it, and the benchmark
// seeds its million runs with it (bench/seed-runs.ts).
import { claimRuns, recordOutcomes, releaseLeases, type StepRecord } from "@/db/queries/runs";
import type { FinishedRunStatus, Run } from "@/db/schema";

export type Ending = { status: FinishedRunStatus; error?: string | null; steps?: StepRecord[]; finishedAt?: number };

// One claim names its runs in one statement, under SQLite's limit of 32,766 bound parameters.
const MOST_RUNS_PER_CLAIM = 30_000;

/**
 * Claims every run due at `at` for `owner` and records the ending `endingOf` gives each (finished
 * 20 ms after `at` unless it says when); the runs it gives no ending are queued again.
 */
export function endDueRuns(owner: string, at: number, endingOf: (run: Run) => Ending | null): void {
  const claimed = claimRuns(owner, MOST_RUNS_PER_CLAIM, at, at + 60_000);
  recordOutcomes(
    owner,
    claimed.flatMap((run) => {
      const ending = endingOf(run);
      if (!ending) return [];
      return [{ kind: "finished" as const, runId: run.id, status: ending.status, error: ending.error ?? null, steps: ending.steps ?? [], finishedAt: ending.finishedAt ?? at + 20 }];
    }),
  );
  releaseLeases(owner, at);
}
