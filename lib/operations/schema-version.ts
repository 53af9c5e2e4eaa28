// Which migrations a database has had, against those this version of the code ships: a backup
// taken by a newer version cannot be restored by an older one.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type Db } from "@/db/client";

type Journal = { entries: { tag: string; when: number }[] };

/** The `when` of the newest migration the code ships (drizzle stores it as `created_at`). */
export function newestKnownMigration(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ migrationsFolder(), "meta", "_journal.json"), "utf8")) as Journal;
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** The newest migration applied to `db`; null for a database drizzle never migrated. */
export function newestAppliedMigration(db: Db): number | null {
  try {
    return db.get<{ newest: number | null }>(sql`select max(created_at) as newest from __drizzle_migrations`).newest;
  } catch {
    return null;
  }
}
