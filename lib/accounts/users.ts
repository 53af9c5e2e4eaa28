// Admins add people to their account, change their role and remove them.
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { ROLES, users } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { randomId } from "@/lib/ids";
import { emailSchema, nameSchema, parseOrThrow, passwordSchema } from "@/lib/validation";

type Tx = Pick<Db, "select">;

export function emailTaken(tx: Tx, email: string): boolean {
  return tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined;
}

const roleSchema = z.enum(ROLES, { error: "Choose a role: admin, builder or member." });

export const addUserSchema = z.object({
  name: nameSchema("Name"),
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema,
});

export async function addUser(actor: Actor, input: unknown) {
  requireRole(actor, "admin", "add users");
  const data = parseOrThrow(addUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  const id = randomId("usr");
  getDb().transaction((tx) => {
    if (emailTaken(tx, data.email)) {
      throw new ConflictError("Someone already uses this email.", { email: "This email is already registered." });
    }
    tx.insert(users)
      .values({ id, accountId: actor.accountId, name: data.name, email: data.email, passwordHash, role: data.role, createdAt: Date.now() })
      .run();
  });
  return { id };
}

function userOfAccount(tx: Tx, actor: Actor, userId: string) {
  const user = tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.accountId, actor.accountId)))
    .get();
  if (!user) throw new NotFoundError("The user");
  return user;
}

function otherAdminsExist(tx: Tx, actor: Actor, userId: string): boolean {
  return (
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.accountId, actor.accountId), eq(users.role, "admin"), ne(users.id, userId)))
      .get() !== undefined
  );
}

export function changeRole(actor: Actor, userId: string, role: unknown) {
  requireRole(actor, "admin", "change roles");
  const newRole = parseOrThrow(roleSchema, role);
  getDb().transaction((tx) => {
    const user = userOfAccount(tx, actor, userId);
    if (user.role === "admin" && newRole !== "admin" && !otherAdminsExist(tx, actor, userId)) {
      throw new ValidationError("The account needs at least one admin.");
    }
    tx.update(users).set({ role: newRole }).where(eq(users.id, userId)).run();
  });
}

export function removeUser(actor: Actor, userId: string) {
  requireRole(actor, "admin", "remove users");
  if (userId === actor.userId) throw new ValidationError("You cannot remove yourself.");
  getDb().transaction((tx) => {
    userOfAccount(tx, actor, userId);
    tx.delete(users).where(eq(users.id, userId)).run();
  });
}
