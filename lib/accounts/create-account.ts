// "Create your account": a company account, its Development and Production environments and its
// first admin, all in one transaction.
import { z } from "zod";
import { getDb } from "@/db/client";
import { accounts, environments, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { ConflictError } from "@/lib/errors";
import { newAccountId, randomId } from "@/lib/ids";
import { emailSchema, nameSchema, parseOrThrow, passwordSchema } from "@/lib/validation";
import { emailTaken } from "@/lib/accounts/users";

export const createAccountSchema = z.object({
  companyName: nameSchema("Company name"),
  name: nameSchema("Your name"),
  email: emailSchema,
  password: passwordSchema,
});

export type CreateAccountInput = z.input<typeof createAccountSchema>;

export async function createAccount(input: CreateAccountInput) {
  const data = parseOrThrow(createAccountSchema, input);
  const passwordHash = await hashPassword(data.password);
  const db = getDb();
  const now = Date.now();
  const accountId = newAccountId();
  const userId = randomId("usr");
  db.transaction((tx) => {
    if (emailTaken(tx, data.email)) {
      throw new ConflictError("An account with this email already exists. Sign in instead.", {
        email: "This email is already registered.",
      });
    }
    tx.insert(accounts).values({ id: accountId, name: data.companyName, createdAt: now }).run();
    tx.insert(environments)
      .values([
        { id: accountId, accountId, kind: "production", createdAt: now },
        { id: `${accountId}-dev`, accountId, kind: "development", createdAt: now },
      ])
      .run();
    tx.insert(users)
      .values({ id: userId, accountId, name: data.name, email: data.email, passwordHash, role: "admin", createdAt: now })
      .run();
  });
  return { accountId, userId, email: data.email };
}
