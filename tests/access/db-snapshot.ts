// Every row of every table, read through drizzle from the data folder the server shares with the
// test process, to show that a refused request wrote nothing: the snapshots before and after it
// must be equal.
import { getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import * as schema from "@/db/schema";

const TABLES: SQLiteTable[] = Object.values(schema as Record<string, unknown>).filter((value): value is SQLiteTable => is(value, SQLiteTable));

/** Kept out: a valid access key records its use even when the request is then refused (another environment). */
function withoutBookkeeping(table: SQLiteTable, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return table === schema.accessKeys ? rows.map(({ lastUsedAt: _used, ...row }) => row) : rows;
}

export function databaseSnapshot(): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(TABLES.map((table) => [getTableName(table), withoutBookkeeping(table, getDb().select().from(table).all())]));
}
