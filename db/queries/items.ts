import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items } from "@/db/schema";

/** One item of a board in one environment (callers have checked the board's account). */
export function findItem(boardId: string, environmentId: string, itemId: string) {
  return getDb()
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.boardId, boardId), eq(items.environmentId, environmentId)))
    .get();
}
