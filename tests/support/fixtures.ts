// Builds real rows through the services, the way the product does.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { createAccount } from "@/lib/accounts/create-account";
import { addUser } from "@/lib/accounts/users";
import type { Role } from "@/db/schema";
import { count } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import { createApp } from "@/lib/apps/apps";
import { createBoard } from "@/lib/boards/boards";

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

/** An app of the account with one board, built by `actor` (a builder or an admin). */
export function newBoard(actor: Actor, appName = "Orders", boardName = "Orders") {
  const app = createApp(actor, { name: appName });
  const board = createBoard(actor, app.id, { name: boardName });
  return { app, board };
}

/** How many rows a table holds, to show that a refused write left nothing behind. */
export function countRows(table: SQLiteTable): number {
  return getDb().select({ n: count() }).from(table).get()?.n ?? 0;
}

/** Runs `fn` and returns what it threw, so a test can look at the error's fields. */
export async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw, but it returned.");
}
