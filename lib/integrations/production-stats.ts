// Runs this month and the last run of each Production integration, for the All integrations tab,
// read from the run counters the queue keeps (a few rows per integration, never a COUNT(*)).
import { runCountersOf } from "@/db/queries/run-history";
import { monthOf } from "@/db/queries/runs";
import { environmentOf } from "@/lib/environments";

export type RunStats = { runsThisMonth: number; lastRunAt: number | null };

/** Every ID gets its stats: an integration that never ran has 0 runs and no last run. */
export function runStatsOf(accountId: string, integrationIds: string[], now = Date.now()): Map<string, RunStats> {
  const production = environmentOf(accountId, "production");
  const stats = new Map<string, RunStats>(integrationIds.map((id) => [id, { runsThisMonth: 0, lastRunAt: null }]));
  for (const row of runCountersOf(production.id, "integration", integrationIds, monthOf(now))) {
    stats.set(row.scopeId, { runsThisMonth: row.runsThisMonth, lastRunAt: row.lastRunAt });
  }
  return stats;
}
