// Reads for the apps and boards pages; callers pass the signed-in user's account ID.
import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { apps, boards, type EnvironmentKind } from "@/db/schema";

/**
 * The boards `kind` has: a board deleted in the app builder is gone from Development at once but
 * stays in Production until the next deployment removes it (SPEC §3 rule 6).
 */
export const boardsIn = (kind: EnvironmentKind) => (kind === "development" ? isNull(boards.deletedInDevelopmentAt) : undefined);

export function listApps(accountId: string) {
  return getDb()
    .select({ id: apps.id, name: apps.name, updatedAt: apps.updatedAt, boardCount: count(boards.id) })
    .from(apps)
    .leftJoin(boards, eq(boards.appId, apps.id))
    .where(eq(apps.accountId, accountId))
    .groupBy(apps.id)
    .orderBy(desc(apps.updatedAt))
    .all();
}

/** Every app of the account, oldest first (a stable order for API clients). */
export function listAccountApps(accountId: string) {
  return getDb().select().from(apps).where(eq(apps.accountId, accountId)).orderBy(asc(apps.createdAt), asc(apps.id)).all();
}

export function findApp(accountId: string, appId: string) {
  return getDb()
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.accountId, accountId)))
    .get();
}

/**
 * The app's boards in `kind`, oldest first. Production's are every row the app has, those deleted
 * in the builder included; deploy reads them inside its own transaction through `db`.
 */
export function listBoards(appId: string, kind: EnvironmentKind, db: Db | Tx = getDb()) {
  return db
    .select()
    .from(boards)
    .where(and(eq(boards.appId, appId), boardsIn(kind)))
    .orderBy(asc(boards.createdAt), asc(boards.id))
    .all();
}

export function findBoard(appId: string, boardId: string, kind: EnvironmentKind) {
  return getDb()
    .select()
    .from(boards)
    .where(and(eq(boards.id, boardId), eq(boards.appId, appId), boardsIn(kind)))
    .get();
}
