// Builds real rows through the services, the way the product does.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { createAccount } from "@/lib/accounts/create-account";
import { addUser } from "@/lib/accounts/users";
import type { Role } from "@/db/schema";

export const PASSWORD = "correct horse battery";

export async function newAccount(companyName = "Acme") {
  const email = `admin-${crypto.randomUUID()}@example.com`;
  const { accountId, userId } = await createAccount({ companyName, name: "Ada Admin", email, password: PASSWORD });
  const admin: Actor = { userId, accountId, role: "admin", label: `user:${userId}` };
  return { accountId, admin, email };
}

export async function newUser(admin: Actor, role: Role): Promise<Actor & { email: string }> {
  const email = `${role}-${crypto.randomUUID()}@example.com`;
  const { id } = await addUser(admin, { name: `A ${role}`, email, role, password: PASSWORD });
  return { userId: id, accountId: admin.accountId, role, label: `user:${id}`, email };
}
