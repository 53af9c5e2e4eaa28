import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accounts } from "@/db/schema";

export function hasAnyAccount(): boolean {
  return getDb().select({ id: accounts.id }).from(accounts).limit(1).get() !== undefined;
}

export function findAccount(accountId: string) {
  return getDb().select().from(accounts).where(eq(accounts.id, accountId)).get();
}
