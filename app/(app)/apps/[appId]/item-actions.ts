"use server";
// Item writes from the board pages of both environments; the environment comes from the page
// and is checked against the signed-in user's account by the items service.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { boardPath, type BoardTarget } from "@/app/(app)/apps/[appId]/paths";
import { ENVIRONMENT_KINDS } from "@/db/schema";
import { toActionError, type ActionState } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { fieldsForItemWrites } from "@/lib/boards/board-fields";
import { boardOfAccount } from "@/lib/boards/boards";
import { environmentOf } from "@/lib/environments";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createItems, deleteItem, getItem, updateItem } from "@/lib/items/items";
import { valuesFromForm } from "@/lib/items/values";
import { parseOrThrow } from "@/lib/validation";

const targetSchema = z.object({ env: z.enum(ENVIRONMENT_KINDS), appId: z.string().min(1), boardId: z.string().min(1) });
type Target = BoardTarget;

/** Field errors come keyed by field key; the form's inputs are named `field:<key>`. */
function asFormErrors(error: unknown, formData: FormData): ActionState {
  const state = toActionError(error, formData);
  if (error instanceof ValidationError && error.fieldErrors) {
    state.fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([key, message]) => [`field:${key}`, message]));
  }
  return state;
}

async function withTarget(rawTarget: Target, formData: FormData, run: (target: Target, user: NonNullable<Awaited<ReturnType<typeof currentUser>>>) => ActionState | void) {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    const target = parseOrThrow(targetSchema, rawTarget);
    const result = run(target, user);
    revalidatePath(boardPath(target));
    return result ?? { ok: true };
  } catch (error) {
    return asFormErrors(error, formData);
  }
}

export async function createItemAction(target: Target, _previous: ActionState, formData: FormData): Promise<ActionState> {
  return withTarget(target, formData, (t, user) => {
    const board = boardOfAccount(user, t.boardId, t.env);
    createItems(user, environmentOf(user.accountId, t.env), board.id, [valuesFromForm(fieldsForItemWrites(board, t.env), formData)]);
    return { ok: true, message: "Item added." };
  });
}

export async function updateItemAction(target: Target & { itemId: string }, _previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await withTarget(target, formData, (t, user) => {
    const board = boardOfAccount(user, t.boardId, t.env);
    const env = environmentOf(user.accountId, t.env);
    if (getItem(user, env, String(target.itemId)).boardId !== board.id) throw new NotFoundError("The item");
    updateItem(user, env, String(target.itemId), valuesFromForm(fieldsForItemWrites(board, t.env), formData));
  });
  if (state.ok) redirect(boardPath(target));
  return state;
}

export async function deleteItemAction(target: Target & { itemId: string }, _previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await withTarget(target, formData, (t, user) => {
    deleteItem(user, environmentOf(user.accountId, t.env), String(target.itemId));
  });
  if (state.ok) redirect(boardPath(target));
  return state;
}
