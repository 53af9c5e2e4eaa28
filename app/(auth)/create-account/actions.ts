"use server";
import type { ActionState } from "@/lib/auth/action";
import { toActionError } from "@/lib/auth/action";
import { createAccount } from "@/lib/accounts/create-account";

export async function createAccountAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const { email } = await createAccount({
      companyName: String(formData.get("companyName") ?? ""),
      name: String(formData.get("name") ?? ""),
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
    });
    return { ok: true, data: { email } };
  } catch (error) {
    return toActionError(error, formData);
  }
}
