// Reads of the audit log, newest first, by keyset on (at, id): the index (account_id, at) holds
// the row ID too, so every page is one index range however long the log is.
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accessKeys, auditLog, users } from "@/db/schema";

export type AuditCursor = { at: number; id: number };

export function listAuditEntries(accountId: string, { after, limit }: { after?: AuditCursor; limit: number }) {
  const older = after ? or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id))) : undefined;
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.accountId, accountId), older))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}

/** Names of the account's users, by ID (for "who" columns). */
export function userNames(accountId: string, userIds: string[]): Map<string, string> {
  if (userIds.length === 0) return new Map();
  const rows = getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, userIds)))
    .all();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The user each access key belongs to, for entries made through the REST API. */
export function accessKeyOwners(accountId: string, keyIds: string[]): Map<string, { userId: string; name: string }> {
  if (keyIds.length === 0) return new Map();
  const rows = getDb()
    .select({ id: accessKeys.id, userId: users.id, name: users.name })
    .from(accessKeys)
    .innerJoin(users, eq(users.id, accessKeys.userId))
    .where(and(eq(users.accountId, accountId), inArray(accessKeys.id, keyIds)))
    .all();
  return new Map(rows.map((row) => [row.id, { userId: row.userId, name: row.name }]));
}
