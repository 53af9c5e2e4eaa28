import type { EnvironmentKind } from "@/db/schema";

export type BoardTarget = { env: EnvironmentKind; appId: string; boardId: string };

/** Where a board's items are shown: the app in Production, the app builder in Development. */
export function boardPath(target: BoardTarget): string {
  return target.env === "production"
    ? `/apps/${target.appId}/boards/${target.boardId}`
    : `/apps/${target.appId}/builder/boards/${target.boardId}`;
}
