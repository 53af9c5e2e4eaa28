import { getDb } from "@/db/client";
import { accounts } from "@/db/schema";

export function hasAnyAccount(): boolean {
  return getDb().select({ id: accounts.id }).from(accounts).limit(1).get() !== undefined;
}
