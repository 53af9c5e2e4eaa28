"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addUser, changeRole, removeUser } from "@/lib/accounts/users";
import { userAction } from "@/lib/auth/action";

const PATH = "/settings/users";

/** Fields are validated by the users service, which reports each wrong one. */
export const addUserAction = userAction(z.object({ name: z.string(), email: z.string(), role: z.string(), password: z.string() }), async (data, user) => {
  await addUser(user, data);
  revalidatePath(PATH);
  return { ok: true, message: `${data.name.trim()} can now sign in with ${data.email.trim().toLowerCase()}.` };
});

export const changeRoleAction = userAction(z.object({ userId: z.string().min(1), role: z.string() }), (data, user) => {
  changeRole(user, data.userId, data.role);
  revalidatePath(PATH);
  return { ok: true, message: "Role changed." };
});

export const removeUserAction = userAction(z.object({ userId: z.string().min(1) }), (data, user) => {
  removeUser(user, data.userId);
  revalidatePath(PATH);
  return { ok: true, message: "User removed." };
});
