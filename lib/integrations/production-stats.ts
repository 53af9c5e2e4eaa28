// Runs this month and the last run of each Production integration, for the All integrations tab.
// The engine (a later issue) fills this in from its counters; until runs exist there are none.

export type RunStats = { runsThisMonth: number; lastRunAt: number | null };

export function runStatsOf(integrationIds: string[]): Map<string, RunStats> {
  return new Map(integrationIds.map((id) => [id, { runsThisMonth: 0, lastRunAt: null }]));
}
