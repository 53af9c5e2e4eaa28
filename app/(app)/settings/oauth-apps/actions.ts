"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { createOAuthApp, deleteOAuthApp, updateOAuthApp } from "@/lib/connections/oauth-apps";

const PATH = "/settings/oauth-apps";

/** The form's fields as sent; the OAuth apps service validates them and names each wrong one. */
const appForm = z.object({
  name: z.string().optional(),
  authorizeUrl: z.string().optional(),
  tokenUrl: z.string().optional(),
  scopes: z.string().optional(),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  authMethod: z.string().optional(),
  issuer: z.string().optional(),
  testUrl: z.string().optional(),
});

export const createOAuthAppAction = userAction(appForm, (data, user) => {
  const app = createOAuthApp(user, data);
  revalidatePath(PATH);
  return { ok: true, message: `"${app.name}" added: builders can now choose it for a new connection.` };
});

export const updateOAuthAppAction = userAction(appForm.extend({ appId: z.string().min(1) }), ({ appId, ...data }, user) => {
  const app = updateOAuthApp(user, appId, data);
  revalidatePath(PATH);
  return { ok: true, message: `"${app.name}" saved.` };
});

export const deleteOAuthAppAction = userAction(z.object({ appId: z.string().min(1) }), ({ appId }, user) => {
  deleteOAuthApp(user, appId);
  revalidatePath(PATH);
  return { ok: true, message: "OAuth app deleted." };
});
