// Migrating a database when it is opened. A database newer than this code is refused with the
// version it needs (an older version would misread it). Migrations are applied under a lock
// file, so two processes starting together on an older database do not both apply them (drizzle
// reads what is applied before its transaction begins). The version that applied them is kept.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { processIsAlive } from "@/lib/processes";
import packageJson from "@/package.json";
import { migrationsFolder, newestAppliedMigration, newestKnownMigration } from "./migrations-state";
import { instanceSettings } from "./schema/connections";

type AnyDb = BetterSQLite3Database<Record<string, unknown>>;

const MIGRATED_BY_SETTING = "schema_migrated_by";
const LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 100;

/** The database cannot be used by this version of the code; the message says what to do. */
export class SchemaVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaVersionError";
  }
}

function migratedBy(db: AnyDb): string | null {
  try {
    return db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, MIGRATED_BY_SETTING)).get()?.value ?? null;
  } catch {
    return null;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `apply` holding `<file>.migrating` (created exclusively; one left by a dead process is taken over). */
function withMigrationLock(file: string, apply: () => void): void {
  const lock = `${file}.migrating`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(fs.readFileSync(lock, "utf8"), 10);
    // An empty file is one being written this instant: wait for its holder's ID.
    if (Number.isInteger(holder) && !processIsAlive(holder)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new SchemaVersionError(`Process ${holder} has been migrating ${file} for over ${LOCK_WAIT_MS / 1000} s. If it is not running, delete ${lock} and start again.`);
    }
    sleep(LOCK_POLL_MS);
  }
  try {
    apply();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export function migrateDatabase(db: AnyDb, file: string): void {
  const applied = newestAppliedMigration(db);
  const known = newestKnownMigration();
  if (applied !== null && applied > known) {
    const needed = migratedBy(db);
    throw new SchemaVersionError(
      `The database ${file} was upgraded by ${needed ? `Boardflow ${needed}` : "a newer version of Boardflow"}; this is Boardflow ${packageJson.version}, which cannot read it. ` +
        `Start ${needed ? `Boardflow ${needed} or later` : "the newer version"} on this data folder, or restore a backup taken before the upgrade.`,
    );
  }
  if (applied === known) return;
  withMigrationLock(file, () => {
    migrate(db, { migrationsFolder: migrationsFolder() });
    const now = Date.now();
    db.insert(instanceSettings)
      .values({ key: MIGRATED_BY_SETTING, value: packageJson.version, updatedAt: now })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value: packageJson.version, updatedAt: now } })
      .run();
  });
}
