"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { appNameSchema, appOfAccount, createApp, deleteApp, renameApp } from "@/lib/apps/apps";
import { ValidationError } from "@/lib/errors";

export const createAppAction = userAction(appNameSchema, (data, user) => {
  const app = createApp(user, data);
  redirect(`/apps/${app.id}/builder`);
});

export const renameAppAction = userAction(appNameSchema.extend({ appId: z.string() }), (data, user) => {
  renameApp(user, data.appId, { name: data.name });
  revalidatePath(`/apps/${data.appId}`, "layout");
  return { ok: true, message: "App renamed." };
});

export const deleteAppAction = userAction(z.object({ appId: z.string(), confirm: z.string() }), (data, user) => {
  if (data.confirm.trim() !== appOfAccount(user, data.appId).name) {
    throw new ValidationError("Type the app's name to confirm.", { confirm: "This does not match the app's name." });
  }
  deleteApp(user, data.appId);
  redirect("/apps");
});
