// What GET /api/health/ready reports: whether this process can do its work (the database answers
// and is fully migrated, the engine runs, and the scheduler runs unless SCHEDULER_ENABLED=false),
// with the run queue's depth and the oldest due run's wait for whoever watches it. A backlog is
// reported, not failed: the process is still ready to work it off.
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { dueRuns } from "@/db/queries/runs";
import { engineRunning } from "@/lib/engine/engine";
import { newestAppliedMigration, newestKnownMigration } from "@/db/migrations-state";
import { schedulerConfig } from "@/lib/scheduler/config";
import { schedulerRunning } from "@/lib/scheduler/scheduler";

export type Readiness = {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: "applied" | "pending" | "unknown";
  engine: "running" | "stopped";
  scheduler: "running" | "stopped" | "disabled";
  queue: { due: number; oldestDueSeconds: number } | null;
};

function databaseAnswers(): boolean {
  try {
    getDb().get(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export function readiness(now = Date.now()): Readiness {
  const engine = engineRunning() ? "running" : "stopped";
  const scheduler = !schedulerConfig().enabled ? "disabled" : schedulerRunning() ? "running" : "stopped";
  if (!databaseAnswers()) return { ready: false, database: "unreachable", migrations: "unknown", engine, scheduler, queue: null };
  const migrations = newestAppliedMigration(getDb()) === newestKnownMigration() ? "applied" : "pending";
  const due = dueRuns(now);
  const queue = { due: due.count, oldestDueSeconds: due.oldestDueAt === null ? 0 : Math.max(0, Math.round((now - due.oldestDueAt) / 1000)) };
  return { ready: migrations === "applied" && engine === "running" && scheduler !== "stopped", database: "ok", migrations, engine, scheduler, queue };
}
