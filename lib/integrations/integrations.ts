// Development integrations of an app (the app builder's Logic > Integration): create, rename,
// duplicate, archive, restore, save the definition. Builders and admins write; every role of the
// account reads. A definition is saved whole after `checkDefinition` passes, or not at all.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { integrationNamesOfApp, integrationNameTaken, listIntegrationRows } from "@/db/queries/integrations";
import { integrations, type Integration } from "@/db/schema";
import { appOfAccount } from "@/lib/apps/apps";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { EMPTY_DEFINITION, type IntegrationDefinition } from "@/lib/integrations/definition";
import { integrationOfAccount, toIntegrationView, type IntegrationView } from "@/lib/integrations/integration-view";
import { checkContext } from "@/lib/integrations/check-context";
import { switchOffForArchive } from "@/lib/integrations/development-switch";
import { checkDefinition } from "@/lib/integrations/validate-definition";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { notifyIntegrationsChanged } from "@/lib/scheduler/signal";
import { randomId } from "@/lib/ids";
import { nameSchema, parseOrThrow } from "@/lib/validation";

export const NAME_MAX = 100;
export const integrationNameSchema = z.object({ name: nameSchema("Integration name", NAME_MAX) });

function nameTakenError(name: string): ConflictError {
  return new ConflictError(`This app already has an integration named "${name}".`, { name: "This name is already used in this app." });
}

function reload(id: string): IntegrationView {
  return toIntegrationView(getDb().select().from(integrations).where(eq(integrations.id, id)).get()!);
}

/** The app's integrations, active and archived, oldest first, with their definitions. */
export function listIntegrations(actor: Actor, appId: string): IntegrationView[] {
  appOfAccount(actor, appId);
  return listIntegrationRows(appId).map(toIntegrationView);
}

export function getIntegration(actor: Actor, integrationId: string): IntegrationView {
  return toIntegrationView(integrationOfAccount(actor, integrationId));
}

export function createIntegration(actor: Actor, appId: string, input: unknown): IntegrationView {
  requireRole(actor, "builder", "create integrations");
  const { name } = parseOrThrow(integrationNameSchema, input);
  appOfAccount(actor, appId);
  const now = Date.now();
  const row: typeof integrations.$inferInsert = { id: randomId("int"), appId, name, definition: EMPTY_DEFINITION, state: "active", createdBy: actor.userId, createdAt: now, updatedAt: now };
  // One transaction: two creations with one name cannot both pass the check.
  getDb().transaction((tx) => {
    if (integrationNameTaken(appId, name)) throw nameTakenError(name);
    tx.insert(integrations).values(row).run();
  });
  return reload(row.id);
}

export function renameIntegration(actor: Actor, integrationId: string, input: unknown): IntegrationView {
  requireRole(actor, "builder", "rename integrations");
  const { name } = parseOrThrow(integrationNameSchema, input);
  const row = integrationOfAccount(actor, integrationId);
  getDb().transaction((tx) => {
    if (integrationNameTaken(row.appId, name, row.id)) throw nameTakenError(name);
    tx.update(integrations).set({ name, updatedAt: Date.now() }).where(eq(integrations.id, row.id)).run();
  });
  // A new name is a new Development version: schedules follow it.
  notifyIntegrationsChanged();
  return reload(row.id);
}

/** "Copy of Order sync", then "Copy of Order sync (2)"…: unique among the app's integrations. */
export function copyName(name: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = `Copy of ${name}`.slice(0, NAME_MAX - suffix.length).trimEnd() + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** A full copy (trigger, steps, connections), active, whatever the original's state. */
export function duplicateIntegration(actor: Actor, integrationId: string): IntegrationView {
  requireRole(actor, "builder", "duplicate integrations");
  const original = integrationOfAccount(actor, integrationId);
  const now = Date.now();
  const id = randomId("int");
  getDb().transaction((tx) => {
    const name = copyName(original.name, integrationNamesOfApp(original.appId));
    tx.insert(integrations)
      .values({ id, appId: original.appId, name, definition: original.definition, state: "active", createdBy: actor.userId, createdAt: now, updatedAt: now })
      .run();
  });
  return reload(id);
}

function setState(actor: Actor, integrationId: string, state: Integration["state"], doing: string): IntegrationView {
  requireRole(actor, "builder", doing);
  const row = integrationOfAccount(actor, integrationId);
  if (row.state !== state) {
    getDb().transaction((tx) => {
      if (state === "archived") switchOffForArchive(tx, actor, row.id);
      tx.update(integrations).set({ state, updatedAt: Date.now() }).where(eq(integrations.id, row.id)).run();
    });
    notifyIntegrationsChanged();
  }
  return reload(row.id);
}

/**
 * Archived integrations stay listed (with Restore), are turned off in Development (restoring
 * does not turn them on again) and are removed from Production at the next deploy.
 */
export function archiveIntegration(actor: Actor, integrationId: string): IntegrationView {
  return setState(actor, integrationId, "archived", "archive integrations");
}

export function restoreIntegration(actor: Actor, integrationId: string): IntegrationView {
  return setState(actor, integrationId, "active", "restore integrations");
}

/** Checks a definition for an app of the actor's account (the editor, and deploy before it copies). */
export function validateDefinition(actor: Pick<Actor, "accountId">, appId: string, definition: unknown): IntegrationDefinition {
  appOfAccount(actor, appId);
  return checkDefinition(definition, checkContext(actor, appId));
}

/** Saves the whole definition once every part of it checks out; a DefinitionError changes nothing. */
export function saveDefinition(actor: Actor, integrationId: string, definition: unknown): IntegrationView {
  requireRole(actor, "builder", "edit integrations");
  const row = integrationOfAccount(actor, integrationId);
  if (row.state === "archived") throw new ConflictError(`"${row.name}" is archived: restore it before editing it.`);
  const checked = checkDefinition(definition, checkContext(actor, row.appId));
  getDb().update(integrations).set({ definition: checked, updatedAt: Date.now() }).where(eq(integrations.id, row.id)).run();
  notifyIntegrationsChanged();
  return reload(row.id);
}
