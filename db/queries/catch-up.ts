// Reads for catching up (SPEC §9.2): the item change log of a board in one environment, within a
// window of change IDs, and when an integration last had a run queued.
import { and, asc, countDistinct, eq, gt, lte, max, min } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { itemChanges, items, runCounters, type Item, type ItemChangeKind } from "@/db/schema";

type Handle = Db | Tx;

/** Changes of one kind on one board in one environment, with IDs in (afterId, upToId]. */
export type ChangeWindow = { boardId: string; environmentId: string; kind: ItemChangeKind; afterId: number; upToId: number };

/** The newest change ID of the whole log (0 when empty): the end of a window opened now. */
export function lastItemChangeId(db: Handle = getDb()): number {
  return db.select({ id: max(itemChanges.id) }).from(itemChanges).get()?.id ?? 0;
}

/** The newest change ID of the board and environment made at or before `time` (0: none). */
export function lastItemChangeIdAt(boardId: string, environmentId: string, time: number, db: Handle = getDb()): number {
  return (
    db
      .select({ id: max(itemChanges.id) })
      .from(itemChanges)
      .where(and(eq(itemChanges.boardId, boardId), eq(itemChanges.environmentId, environmentId), lte(itemChanges.changedAt, time)))
      .get()?.id ?? 0
  );
}

function inWindow(window: ChangeWindow) {
  return and(
    eq(itemChanges.boardId, window.boardId),
    eq(itemChanges.environmentId, window.environmentId),
    eq(itemChanges.kind, window.kind),
    gt(itemChanges.id, window.afterId),
    lte(itemChanges.id, window.upToId),
  );
}

/** How many items changed in the window and still exist (each item once). */
export function countChangedItems(window: ChangeWindow, db: Handle = getDb()): number {
  return (
    db
      .select({ n: countDistinct(itemChanges.itemId) })
      .from(itemChanges)
      .innerJoin(items, eq(items.id, itemChanges.itemId))
      .where(inWindow(window))
      .get()?.n ?? 0
  );
}

/** The items changed in the window that still exist, as they are now, in the order they first changed. */
export function changedItems(window: ChangeWindow, db: Handle = getDb()): Item[] {
  return db
    .select({ item: items, first: min(itemChanges.id) })
    .from(itemChanges)
    .innerJoin(items, eq(items.id, itemChanges.itemId))
    .where(inWindow(window))
    .groupBy(items.id)
    .orderBy(asc(min(itemChanges.id)))
    .all()
    .map((row) => row.item);
}

/** When a run of the integration was last queued in the environment (null: never). */
export function lastRunQueuedAt(integrationId: string, environmentId: string, db: Handle = getDb()): number | null {
  return (
    db
      .select({ at: max(runCounters.lastRunAt) })
      .from(runCounters)
      .where(and(eq(runCounters.environmentId, environmentId), eq(runCounters.scope, "integration"), eq(runCounters.scopeId, integrationId)))
      .get()?.at ?? null
  );
}
