// Fixtures for the trigger tests: Development integrations built through the integrations service
// (create, then save a definition checked whole), the triggers they start on, and reads of the
// runs they queued.
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { IntegrationDefinition, StepConfig } from "@/lib/integrations/definition";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";

export function integrationWith(actor: Actor, appId: string, name: string, definition: IntegrationDefinition) {
  const { id } = createIntegration(actor, appId, { name });
  return saveDefinition(actor, id, definition);
}

export const webhookTrigger = (connectionId: string | null = null): IntegrationDefinition["trigger"] => ({ connectorKey: "webhook", triggerKey: "catch_webhook", connectionId, options: {} });

export const scheduleTrigger = (options: Record<string, string | number> = { mode: "every_n_minutes", minutes: 5, timeZone: "UTC" }): IntegrationDefinition["trigger"] => ({
  connectorKey: "schedule",
  triggerKey: "schedule",
  connectionId: null,
  options,
});

export const pollTrigger = (options: Record<string, string | number>, connectionId: string | null = null): IntegrationDefinition["trigger"] => ({
  connectorKey: "http",
  triggerKey: "poll_new_items",
  connectionId,
  options,
});

/** A step that needs no connection, reading the webhook body's `name`. */
export const shoutStep = (value = "{{trigger.body.name}}"): StepConfig => ({ id: "shout", name: "Shout", connectorKey: "utilities", actionKey: "formatter", connectionId: null, input: { operation: "text_upper", value } });

/** The runs of an integration in one environment, oldest first. */
export function runsOf(integrationId: string, environmentId: string) {
  return getDb().select().from(runs).where(and(eq(runs.integrationId, integrationId), eq(runs.environmentId, environmentId))).orderBy(asc(runs.id)).all();
}
