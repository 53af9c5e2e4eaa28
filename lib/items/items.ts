// The one service every board item write goes through (pages, REST API, the engine's Kissflow
// steps through the REST API). Values are checked against the board's fields in the item's
// environment: in Production, the deployed ones (lib/boards/board-fields.ts). Each write appends
// to the item change log and queues the runs of the integrations On for that board, in the same
// transaction: an item change is never lost between the write and the runs it produces.
import { and, desc, eq, lt } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { apps, boards, itemChanges, items, type Board, type Environment, type Item, type ItemChangeKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { fieldsForItemWrites } from "@/lib/boards/board-fields";
import { boardOfAccount } from "@/lib/boards/boards";
import { queueItemRuns } from "@/lib/engine/queue";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { sortableId } from "@/lib/ids";
import { parseItemValues } from "@/lib/items/values";

export const MAX_ITEMS_PER_CREATE = 100;
export const MAX_PAGE_SIZE = 100;

function assertEnvironmentOfActor(actor: Actor, env: Environment): void {
  if (env.accountId !== actor.accountId) throw new NotFoundError("The environment");
}

function logChanges(tx: Tx, actor: Actor, changed: Item[], kind: ItemChangeKind, changedAt: number): void {
  tx.insert(itemChanges)
    .values(changed.map((item) => ({ itemId: item.id, boardId: item.boardId, environmentId: item.environmentId, kind, values: item.values, actor: actor.label, changedAt })))
    .run();
}

/** Validates every item first, so a batch is written whole or not at all. Runs inside `tx`. */
export function insertItems(tx: Tx, actor: Actor, env: Environment, board: Board, valuesList: unknown[]): Item[] {
  if (valuesList.length === 0) throw new ValidationError("Send at least one item.");
  if (valuesList.length > MAX_ITEMS_PER_CREATE) {
    throw new ValidationError(`Send at most ${MAX_ITEMS_PER_CREATE} items at once (got ${valuesList.length}).`);
  }
  const fields = fieldsForItemWrites(board, env.kind);
  const parsed = valuesList.map((values, index) => {
    try {
      return parseItemValues(fields, values);
    } catch (error) {
      if (error instanceof ValidationError && valuesList.length > 1) {
        const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([k, v]) => [`${index}.${k}`, v]));
        throw new ValidationError(`Item ${index + 1}: ${error.message}`, fieldErrors);
      }
      throw error;
    }
  });
  const now = Date.now();
  const created = parsed.map(
    (values): Item => ({ id: sortableId("itm"), boardId: board.id, environmentId: env.id, values, createdBy: actor.label, createdAt: now, updatedAt: now }),
  );
  tx.insert(items).values(created).run();
  logChanges(tx, actor, created, "created", now);
  queueItemRuns(tx, env, "created", created);
  return created;
}

export function createItems(actor: Actor, env: Environment, boardId: string, valuesList: unknown[]): Item[] {
  assertEnvironmentOfActor(actor, env);
  const board = boardOfAccount(actor, boardId, env.kind);
  return getDb().transaction((tx) => insertItems(tx, actor, env, board, valuesList));
}

function itemOfEnvironment(tx: Pick<Db, "select">, actor: Actor, env: Environment, itemId: string): { item: Item; board: Board } {
  const row = tx
    .select({ item: items, board: boards })
    .from(items)
    .innerJoin(boards, eq(boards.id, items.boardId))
    .innerJoin(apps, eq(apps.id, boards.appId))
    .where(and(eq(items.id, itemId), eq(items.environmentId, env.id), eq(apps.accountId, actor.accountId)))
    .get();
  if (!row) throw new NotFoundError("The item");
  return row;
}

export function getItem(actor: Actor, env: Environment, itemId: string): Item {
  assertEnvironmentOfActor(actor, env);
  return itemOfEnvironment(getDb(), actor, env, itemId).item;
}

/** Changes the given fields only; the merged item must still satisfy the board's fields. */
export function updateItem(actor: Actor, env: Environment, itemId: string, patch: unknown): Item {
  assertEnvironmentOfActor(actor, env);
  return getDb().transaction((tx) => {
    const { item, board } = itemOfEnvironment(tx, actor, env, itemId);
    const fields = fieldsForItemWrites(board, env.kind);
    const changes = parseItemValues(fields, patch, { partial: true });
    const liveKeys = new Set(fields.map((f) => f.key));
    const current = Object.fromEntries(Object.entries(item.values).filter(([key]) => liveKeys.has(key)));
    const values = parseItemValues(fields, { ...current, ...changes });
    const updated: Item = { ...item, values, updatedAt: Date.now() };
    tx.update(items).set({ values, updatedAt: updated.updatedAt }).where(eq(items.id, itemId)).run();
    logChanges(tx, actor, [updated], "updated", updated.updatedAt);
    queueItemRuns(tx, env, "updated", [updated]);
    return updated;
  });
}

export function deleteItem(actor: Actor, env: Environment, itemId: string): void {
  assertEnvironmentOfActor(actor, env);
  getDb().transaction((tx) => {
    const { item } = itemOfEnvironment(tx, actor, env, itemId);
    tx.delete(items).where(eq(items.id, itemId)).run();
    logChanges(tx, actor, [item], "deleted", Date.now());
  });
}

/** Newest first, keyset-paginated: `cursor` is the last item ID of the previous page. */
export function listItems(
  actor: Actor,
  env: Environment,
  boardId: string,
  { limit = 50, cursor }: { limit?: number; cursor?: string } = {},
): { items: Item[]; nextCursor: string | null } {
  assertEnvironmentOfActor(actor, env);
  boardOfAccount(actor, boardId, env.kind);
  const size = Math.min(Math.max(1, limit), MAX_PAGE_SIZE);
  const rows = getDb()
    .select()
    .from(items)
    .where(and(eq(items.boardId, boardId), eq(items.environmentId, env.id), cursor ? lt(items.id, cursor) : undefined))
    .orderBy(desc(items.id))
    .limit(size + 1)
    .all();
  const page = rows.slice(0, size);
  return { items: page, nextCursor: rows.length > size ? page[page.length - 1].id : null };
}
