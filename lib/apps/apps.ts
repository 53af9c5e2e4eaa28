// Apps of an account: create, rename, delete. Builders and admins change them; everyone reads.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { apps, type App } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { randomId } from "@/lib/ids";
import { nameSchema, parseOrThrow } from "@/lib/validation";

export const appNameSchema = z.object({ name: nameSchema("App name") });

/** The app if it belongs to the actor's account; another account's ID is "not found". */
export function appOfAccount(actor: Pick<Actor, "accountId">, appId: string): App {
  const app = getDb()
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.accountId, actor.accountId)))
    .get();
  if (!app) throw new NotFoundError("The app");
  return app;
}

export function createApp(actor: Actor, input: unknown): App {
  requireRole(actor, "builder", "create apps");
  const { name } = parseOrThrow(appNameSchema, input);
  const now = Date.now();
  const app: App = { id: randomId("app"), accountId: actor.accountId, name, createdBy: actor.userId, createdAt: now, updatedAt: now };
  getDb().insert(apps).values(app).run();
  return app;
}

export function renameApp(actor: Actor, appId: string, input: unknown): void {
  requireRole(actor, "builder", "rename apps");
  const { name } = parseOrThrow(appNameSchema, input);
  appOfAccount(actor, appId);
  getDb().update(apps).set({ name, updatedAt: Date.now() }).where(eq(apps.id, appId)).run();
}

/** Deletes the app with its boards and items in both environments. */
export function deleteApp(actor: Actor, appId: string): void {
  requireRole(actor, "builder", "delete apps");
  appOfAccount(actor, appId);
  getDb().delete(apps).where(eq(apps.id, appId)).run();
}
