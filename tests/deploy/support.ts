// Fixtures for the deploy, switch and export tests.
//
// Development integrations are inserted straight into the `integrations` table: the Development
// integrations service (lib/integrations/integrations.ts: create, rename, archive, saveDefinition)
// is written in parallel and is not on this branch yet. Every definition goes through
// `definitionSchema`, so each row is a valid integration as that service would save it.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, integrations, productionIntegrations, type IntegrationState } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createConnection } from "@/lib/connections/create-connection";
import { definitionSchema, type IntegrationDefinition, type StepConfig } from "@/lib/integrations/definition";
import { randomId } from "@/lib/ids";

let lastCreatedAt = 0;

export function devIntegration(actor: Actor, appId: string, { name, definition, state = "active" }: { name: string; definition: IntegrationDefinition; state?: IntegrationState }) {
  // Strictly increasing, so "oldest first" is the order the test made them in.
  const now = (lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1));
  const row = { id: randomId("int"), appId, name, definition: definitionSchema.parse(definition), state, createdBy: actor.userId, createdAt: now, updatedAt: now };
  getDb().insert(integrations).values(row).run();
  return row;
}

export function updateDevIntegration(id: string, patch: { name?: string; definition?: IntegrationDefinition; state?: IntegrationState }) {
  const definition = patch.definition ? definitionSchema.parse(patch.definition) : undefined;
  getDb().update(integrations).set({ ...patch, ...(definition ? { definition } : {}), updatedAt: Date.now() }).where(eq(integrations.id, id)).run();
}

export function deleteDevIntegration(id: string) {
  getDb().delete(integrations).where(eq(integrations.id, id)).run();
}

export const webhookTrigger = (connectionId: string | null = null): IntegrationDefinition["trigger"] => ({ connectorKey: "webhook", triggerKey: "catch_webhook", connectionId, options: {} });

export const kissflowTrigger = (connectionId: string, boardId: string): IntegrationDefinition["trigger"] => ({ connectorKey: "kissflow", triggerKey: "new_item", connectionId, options: { boardId } });

export const emailStep = (connectionId: string, id = "notify"): StepConfig => ({
  id,
  name: "Notify the team",
  connectorKey: "email",
  actionKey: "send_email",
  connectionId,
  input: { to: "ops@acme.test", subject: "New order {{trigger.body.id}}", text: "An order arrived." },
});

export const formatterStep = (id = "format"): StepConfig => ({ id, name: "Format", connectorKey: "utilities", actionKey: "formatter", connectionId: null, input: { operation: "text_upper", value: "{{trigger.body.name}}" } });

export const createItemStep = (connectionId: string, boardId: string, id = "create_item"): StepConfig => ({
  id,
  name: "Create item",
  connectorKey: "kissflow",
  actionKey: "create_item",
  connectionId,
  input: { boardId, values: '{"name": "{{trigger.body.name}}"}' },
});

export function devConnection(actor: Actor, name: string, connectorKey = "email") {
  return createConnection(actor, { name, connectorKey, environment: "development" });
}

export const connectionRow = (id: string) => getDb().select().from(connections).where(eq(connections.id, id)).get();
export const productionRow = (id: string) => getDb().select().from(productionIntegrations).where(eq(productionIntegrations.id, id)).get();
export const productionRowsOf = (appId: string) => getDb().select().from(productionIntegrations).where(eq(productionIntegrations.appId, appId)).all();
export const connectionsOf = (environmentId: string) => getDb().select().from(connections).where(eq(connections.environmentId, environmentId)).all();
