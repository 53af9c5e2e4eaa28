// 500 Development integrations on a schedule of every minute, in the built server: for each of
// BENCH_REPEAT minutes the server's scheduler saw whole, how long after the minute the last run
// was queued and the last one started.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs } from "@/db/schema";
import { FIGURE } from "../figures";
import { figures, settings, until, useDataDir } from "../support/context";
import { benchAccount, onIntegration, scheduleToFormatter } from "../support/fixtures";
import { startBenchServer } from "../support/server";

const SCHEDULES = 500;

type Tick = { createdAt: number; startedAt: number | null };

/** The schedule runs by the minute they were due, for the minutes whose every tick was queued and started. */
function completeMinutes(): [string, Tick[]][] {
  const byMinute = new Map<string, Tick[]>();
  for (const run of getDb().select({ createdAt: runs.createdAt, startedAt: runs.startedAt, triggerData: runs.triggerData }).from(runs).where(eq(runs.source, "schedule")).all()) {
    const minute = (run.triggerData as { scheduledAt: string }).scheduledAt;
    byMinute.set(minute, [...(byMinute.get(minute) ?? []), run]);
  }
  return [...byMinute.entries()].filter(([, ticks]) => ticks.length === SCHEDULES && ticks.every((tick) => tick.startedAt !== null)).sort(([a], [b]) => a.localeCompare(b));
}

export async function schedulesSection(): Promise<void> {
  const dataDir = useDataDir("schedules");
  const b = await benchAccount();
  for (let n = 1; n <= SCHEDULES; n++) onIntegration(b, `Every minute ${n}`, scheduleToFormatter());
  const server = await startBenchServer({ port: settings.port, dataDir });
  try {
    // A minute that began before the scheduler did has fewer ticks, so it never counts.
    await until(() => completeMinutes().length >= settings.repeat, (settings.repeat + 1.5) * 60_000, `${settings.repeat} whole minutes of schedules`, 1000);
  } finally {
    await server.stop();
  }
  for (const [minute, ticks] of completeMinutes().slice(0, settings.repeat)) {
    const due = Date.parse(minute);
    const queued = Math.max(...ticks.map((tick) => tick.createdAt)) - due;
    const started = Math.max(...ticks.map((tick) => tick.startedAt!)) - due;
    figures.add(FIGURE.schedules, started / 1000, { "all queued after": { value: queued / 1000, unit: "s", digits: 2 } });
  }
}
