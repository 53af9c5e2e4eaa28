import { and, count, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { environments, items } from "@/db/schema";

/** One item of a board in one environment (callers have checked the board's account). */
export function findItem(boardId: string, environmentId: string, itemId: string) {
  return getDb()
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.boardId, boardId), eq(items.environmentId, environmentId)))
    .get();
}

/** How many Production items the board has; deploy counts them inside its transaction through `db`. */
export function countProductionItems(boardId: string, db: Db | Tx = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(items)
      .innerJoin(environments, eq(environments.id, items.environmentId))
      .where(and(eq(items.boardId, boardId), eq(environments.kind, "production")))
      .get()?.n ?? 0
  );
}
