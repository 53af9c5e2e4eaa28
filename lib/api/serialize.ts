// The API's JSON shapes. Rows keep times as epoch milliseconds; the API speaks ISO 8601 strings,
// and internal columns (owners, environment IDs, creators) stay out of the responses.
import type { App, Board, Item } from "@/db/schema";

const iso = (ms: number) => new Date(ms).toISOString();

export function appJson(app: App) {
  return { id: app.id, name: app.name, createdAt: iso(app.createdAt), updatedAt: iso(app.updatedAt) };
}

export function boardJson(board: Board) {
  return { id: board.id, appId: board.appId, name: board.name, fields: board.fields, createdAt: iso(board.createdAt), updatedAt: iso(board.updatedAt) };
}

export function itemJson(item: Item) {
  return { id: item.id, boardId: item.boardId, values: item.values, createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt) };
}
