// The board and item pages, the same in Production (the app) and Development (the app builder):
// the environment decides whose items they show and which fields: Development the builder's,
// Production the deployed ones (lib/boards/board-fields.ts).
import { notFound } from "next/navigation";
import { createItemAction, deleteItemAction, updateItemAction } from "@/app/(app)/apps/[appId]/item-actions";
import { loadBoard } from "@/app/(app)/apps/[appId]/load-app";
import { boardPath, deployPath } from "@/app/(app)/apps/[appId]/paths";
import { BoardItemsView } from "@/components/boards/board-items-view";
import { ItemEditView } from "@/components/boards/item-edit-view";
import { findItem } from "@/db/queries/items";
import type { EnvironmentKind } from "@/db/schema";
import { boardFieldsIn, boardNameIn } from "@/lib/boards/board-fields";
import { environmentOf } from "@/lib/environments";
import { listItems } from "@/lib/items/items";

export type BoardParams = Promise<{ appId: string; boardId: string }>;
export type ItemParams = Promise<{ appId: string; boardId: string; itemId: string }>;

export async function BoardPage({ env, params, searchParams }: { env: EnvironmentKind; params: BoardParams; searchParams: Promise<{ after?: string }> }) {
  const { appId, boardId } = await params;
  const { user, board, canBuild } = await loadBoard(appId, boardId, env);
  const target = { env, appId, boardId: board.id };
  const after = (await searchParams).after;
  const page = listItems(user, environmentOf(user.accountId, env), board.id, { cursor: typeof after === "string" ? after : undefined });
  return (
    <BoardItemsView
      fields={boardFieldsIn(board, env)}
      items={page.items}
      nextCursor={page.nextCursor}
      createAction={createItemAction.bind(null, target)}
      basePath={boardPath(target)}
      inBuilder={env === "development"}
      deployHref={canBuild ? deployPath(appId) : undefined}
    />
  );
}

export async function ItemPage({ env, params }: { env: EnvironmentKind; params: ItemParams }) {
  const { appId, boardId, itemId } = await params;
  const { user, board } = await loadBoard(appId, boardId, env);
  const fields = boardFieldsIn(board, env);
  const item = findItem(board.id, environmentOf(user.accountId, env).id, itemId);
  // A board never deployed has no Production form, and so no Production items either.
  if (!item || fields === null) notFound();
  const target = { env, appId, boardId: board.id, itemId: item.id };
  return (
    <ItemEditView
      boardName={boardNameIn(board, env)}
      fields={fields}
      item={item}
      updateAction={updateItemAction.bind(null, target)}
      deleteAction={deleteItemAction.bind(null, target)}
      backHref={boardPath(target)}
    />
  );
}
