// One SQLite connection per process (kept on globalThis: route handlers and instrumentation are
// separate bundles), in WAL mode, migrated when it is opened. Other processes may open the same
// file (a second server, a backup): writers wait for each other's lock instead of failing.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrateDatabase } from "./migrate";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle a `getDb().transaction(tx => …)` callback receives. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; sqlite: Database.Database; path: string };
const globalForDb = globalThis as unknown as { __appDb?: Handle };

/** `DATABASE_PATH`, else `<DATA_DIR>/app.db`, else `./data/app.db`; always absolute. */
export function databasePath(): string {
  if (process.env.DATABASE_PATH) return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "data"));
  return path.join(dataDir, "app.db");
}

export function openDatabase(file: string): Handle {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // Another process (a backup, a CLI) may hold the write lock for a moment: wait, do not fail.
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  // Every transaction here writes. A deferred one that reads first fails at once with SQLITE_BUSY
  // (without waiting: the busy timeout cannot help it) when another process wrote after its read;
  // an immediate one takes the write lock as it begins, waiting for it like any single write.
  const transaction = db.transaction.bind(db);
  db.transaction = (fn, config) => transaction(fn, { behavior: "immediate", ...config });
  migrateDatabase(db, file);
  return { db, sqlite, path: file };
}

/**
 * An existing database file opened without migrating it: the live database read by a backup
 * (whose schema is the server's business), or a backup checked before it is restored.
 */
export function openWithoutMigrating(file: string, { readonly = false } = {}): Handle {
  const sqlite = new Database(file, { readonly, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return { db: drizzle(sqlite, { schema }), sqlite, path: file };
}

export function getDb(): Db {
  return getHandle().db;
}

export function getHandle(): Handle {
  const wanted = databasePath();
  const current = globalForDb.__appDb;
  if (current && current.path === wanted) return current;
  current?.sqlite.close();
  globalForDb.__appDb = openDatabase(wanted);
  return globalForDb.__appDb;
}

export function closeDb(): void {
  globalForDb.__appDb?.sqlite.close();
  globalForDb.__appDb = undefined;
}
