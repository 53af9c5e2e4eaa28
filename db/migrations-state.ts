// Which migrations a database has had, against those this version of the code ships (drizzle
// stores each applied migration's journal `when` as `created_at`).
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Journal = { entries: { tag: string; when: number }[] };

export function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
}

/** The `when` of the newest migration the code ships. */
export function newestKnownMigration(): number {
  const file = path.join(/*turbopackIgnore: true*/ migrationsFolder(), "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as Journal;
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** The newest migration applied to `db`; null for a database drizzle never migrated. */
export function newestAppliedMigration(db: BetterSQLite3Database<Record<string, unknown>>): number | null {
  try {
    return db.get<{ newest: number | null }>(sql`select max(created_at) as newest from __drizzle_migrations`).newest;
  } catch {
    return null;
  }
}
