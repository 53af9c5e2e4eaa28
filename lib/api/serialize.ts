// The API's JSON shapes. Rows keep times as epoch milliseconds; the API speaks ISO 8601 strings,
// and internal columns (owners, environment IDs, creators) stay out of the responses.
import type { App, Board, EnvironmentKind, Item } from "@/db/schema";
import { boardFieldsIn } from "@/lib/boards/board-fields";

const iso = (ms: number) => new Date(ms).toISOString();

export function appJson(app: App) {
  return { id: app.id, name: app.name, createdAt: iso(app.createdAt), updatedAt: iso(app.updatedAt) };
}

/**
 * A board as one environment sees it: in Production, the deployed fields (none for a board the
 * app was never deployed with: `deployedToProduction` is false and item writes answer 409).
 */
export function boardJson(board: Board, kind: EnvironmentKind) {
  const fields = boardFieldsIn(board, kind) ?? [];
  return { id: board.id, appId: board.appId, name: board.name, fields, deployedToProduction: board.productionFields !== null, createdAt: iso(board.createdAt), updatedAt: iso(board.updatedAt) };
}

export function itemJson(item: Item) {
  return { id: item.id, boardId: item.boardId, values: item.values, createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt) };
}
