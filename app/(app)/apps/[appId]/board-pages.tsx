// The board and item pages, the same in Production (the app) and Development (the app builder):
// only the environment whose items they show differs.
import { notFound } from "next/navigation";
import { createItemAction, deleteItemAction, updateItemAction } from "@/app/(app)/apps/[appId]/item-actions";
import { loadBoard } from "@/app/(app)/apps/[appId]/load-app";
import { boardPath } from "@/app/(app)/apps/[appId]/paths";
import { BoardItemsView } from "@/components/boards/board-items-view";
import { ItemEditView } from "@/components/boards/item-edit-view";
import { findItem } from "@/db/queries/items";
import type { EnvironmentKind } from "@/db/schema";
import { environmentOf } from "@/lib/environments";
import { listItems } from "@/lib/items/items";

export type BoardParams = Promise<{ appId: string; boardId: string }>;
export type ItemParams = Promise<{ appId: string; boardId: string; itemId: string }>;

export async function BoardPage({ env, params, searchParams }: { env: EnvironmentKind; params: BoardParams; searchParams: Promise<{ after?: string }> }) {
  const { appId, boardId } = await params;
  const { user, board } = await loadBoard(appId, boardId);
  const target = { env, appId, boardId: board.id };
  const after = (await searchParams).after;
  const page = listItems(user, environmentOf(user.accountId, env), board.id, { cursor: typeof after === "string" ? after : undefined });
  return <BoardItemsView board={board} items={page.items} nextCursor={page.nextCursor} createAction={createItemAction.bind(null, target)} basePath={boardPath(target)} inBuilder={env === "development"} />;
}

export async function ItemPage({ env, params }: { env: EnvironmentKind; params: ItemParams }) {
  const { appId, boardId, itemId } = await params;
  const { user, board } = await loadBoard(appId, boardId);
  const item = findItem(board.id, environmentOf(user.accountId, env).id, itemId);
  if (!item) notFound();
  const target = { env, appId, boardId: board.id, itemId: item.id };
  return (
    <ItemEditView
      board={board}
      item={item}
      updateAction={updateItemAction.bind(null, target)}
      deleteAction={deleteItemAction.bind(null, target)}
      backHref={boardPath(target)}
    />
  );
}
