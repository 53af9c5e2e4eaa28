"use server";
// Actions of the app builder: boards and their fields, and the app's own settings.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { addField, boardNameSchema, createBoard, deleteBoard, moveField, removeField, renameBoard } from "@/lib/boards/boards";

const ids = { appId: z.string().min(1), boardId: z.string().min(1) };

export const createBoardAction = userAction(boardNameSchema.extend({ appId: ids.appId }), (data, user) => {
  const board = createBoard(user, data.appId, { name: data.name });
  // The builder's sidebar (a layout) lists the boards: without this it keeps showing the old list.
  revalidatePath(`/apps/${data.appId}`, "layout");
  redirect(`/apps/${data.appId}/builder/boards/${board.id}`);
});

export const renameBoardAction = userAction(boardNameSchema.extend(ids), (data, user) => {
  renameBoard(user, data.boardId, { name: data.name });
  revalidatePath(`/apps/${data.appId}`, "layout");
  return { ok: true, message: "Board renamed. Production shows the new name once you deploy." };
});

export const deleteBoardAction = userAction(z.object(ids), (data, user) => {
  deleteBoard(user, data.boardId);
  revalidatePath(`/apps/${data.appId}`, "layout");
  redirect(`/apps/${data.appId}/builder`);
});

/** The form's fields are checked by the boards service, which knows the field rules. */
export const addFieldAction = userAction(z.object({ ...ids, label: z.string(), type: z.string(), options: z.string().optional() }), (data, user, formData) => {
  addField(user, data.boardId, { label: data.label, type: data.type, options: data.options, required: formData.get("required") === "on" });
  revalidatePath(`/apps/${data.appId}`, "layout");
  return { ok: true, message: `Field "${data.label.trim()}" added.` };
});

export const removeFieldAction = userAction(z.object({ ...ids, key: z.string().min(1) }), (data, user) => {
  removeField(user, data.boardId, data.key);
  revalidatePath(`/apps/${data.appId}`, "layout");
});

export const moveFieldAction = userAction(z.object({ ...ids, key: z.string().min(1), direction: z.enum(["up", "down"]) }), (data, user) => {
  moveField(user, data.boardId, data.key, data.direction);
  revalidatePath(`/apps/${data.appId}`, "layout");
});
