"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ENVIRONMENT_KINDS } from "@/db/schema";
import { createAccessKey, revokeAccessKey } from "@/lib/access-keys/access-keys";
import { userAction } from "@/lib/auth/action";
import { setAccountDomain } from "@/lib/environments";

const PATH = "/settings/security";

export const createAccessKeyAction = userAction(z.object({ environment: z.enum(ENVIRONMENT_KINDS), name: z.string() }), (data, user) => {
  const key = createAccessKey(user, data.environment, { name: data.name });
  revalidatePath(PATH);
  return { ok: true, message: "Access key created. Copy the secret now: it will not be shown again.", data: { id: key.id, secret: key.secret } };
});

export const revokeAccessKeyAction = userAction(z.object({ keyId: z.string().min(1) }), (data, user) => {
  revokeAccessKey(user, data.keyId);
  revalidatePath(PATH);
  return { ok: true, message: "Access key revoked." };
});

export const setAccountDomainAction = userAction(z.object({ environment: z.enum(ENVIRONMENT_KINDS), domain: z.string() }), (data, user) => {
  setAccountDomain(user, data.environment, data.domain);
  revalidatePath(PATH);
  return { ok: true, message: "Account domain saved." };
});
