// Reads for My settings and the account's users page.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accessKeys, environments, users } from "@/db/schema";

export function listEnvironments(accountId: string) {
  return getDb().select().from(environments).where(eq(environments.accountId, accountId)).orderBy(desc(environments.kind)).all();
}

/** The user's keys that are not revoked, newest first. */
export function listActiveAccessKeys(userId: string) {
  return getDb()
    .select({ id: accessKeys.id, name: accessKeys.name, environmentId: accessKeys.environmentId, createdAt: accessKeys.createdAt, lastUsedAt: accessKeys.lastUsedAt })
    .from(accessKeys)
    .where(and(eq(accessKeys.userId, userId), isNull(accessKeys.revokedAt)))
    .orderBy(desc(accessKeys.createdAt))
    .all();
}

export function listUsers(accountId: string) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.accountId, accountId))
    .orderBy(asc(users.createdAt))
    .all();
}
