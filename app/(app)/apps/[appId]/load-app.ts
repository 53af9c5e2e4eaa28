// Loads the app of a page for the signed-in user: another account's app is a 404, and the
// app builder's pages (Development) need the builder role.
import { notFound } from "next/navigation";
import { findApp, findBoard } from "@/db/queries/apps";
import type { EnvironmentKind } from "@/db/schema";
import { hasRole } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";

export async function loadApp(appId: string) {
  const user = await requireUser();
  const app = findApp(user.accountId, appId);
  if (!app) notFound();
  return { user, app, canBuild: hasRole(user, "builder") };
}

/**
 * The app of a page that shows `env`. Development is the app builder's, for builders and admins:
 * a member gets a 404 from the page itself. The builder layout shows a member its refusal in the
 * page's place, but Next.js renders the page all the same and sends its payload to the browser.
 */
export async function loadAppIn(env: EnvironmentKind, appId: string) {
  const loaded = await loadApp(appId);
  if (env === "development" && !loaded.canBuild) notFound();
  return loaded;
}

/** The board as `env` has it: one deleted in the app builder is a 404 there, still shown in Production until Deploy. */
export async function loadBoard(appId: string, boardId: string, env: EnvironmentKind) {
  const loaded = await loadAppIn(env, appId);
  const board = findBoard(loaded.app.id, boardId, env);
  if (!board) notFound();
  return { ...loaded, board };
}
