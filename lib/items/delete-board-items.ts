// The items of a board deleted in one environment (the app builder deletes a board from
// Development only). Apart from lib/items/items.ts, which needs the boards service: no import cycle.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { items } from "@/db/schema";

/** Every item of the board in one environment; runs inside `tx`. */
export function deleteBoardItems(tx: Tx, boardId: string, environmentId: string): void {
  tx.delete(items).where(and(eq(items.boardId, boardId), eq(items.environmentId, environmentId))).run();
}
