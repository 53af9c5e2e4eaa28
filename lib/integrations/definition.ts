// The shape of an integration's definition: one trigger, then ordered steps. This module checks
// the shape only; whether connectors, actions, connections and references exist is checked by
// the integrations service against the registry and the database.
import { z } from "zod";

/** Step IDs are the names templates use: `{{steps.create_item.id}}`. */
export const STEP_ID = /^[a-z][a-z0-9_]{0,39}$/;

/** An input is fixed text with `{{trigger.x}}` / `{{steps.<id>.x}}` references; JSON values stay JSON. */
const inputValue = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]);

export const triggerSchema = z.object({
  connectorKey: z.string().min(1, "Choose a connector for the trigger."),
  triggerKey: z.string().min(1, "Choose a trigger event."),
  connectionId: z.string().min(1).nullable(),
  options: z.record(z.string(), inputValue),
});

export const stepSchema = z.object({
  id: z.string().regex(STEP_ID, "A step ID is lower-case letters, digits and _ (starting with a letter)."),
  name: z.string().trim().min(1, "Give the step a name.").max(100),
  connectorKey: z.string().min(1, "Choose a connector."),
  actionKey: z.string().min(1, "Choose an action."),
  connectionId: z.string().min(1).nullable(),
  input: z.record(z.string(), inputValue),
});

export const MAX_STEPS = 50;

export const definitionSchema = z.object({
  trigger: triggerSchema.nullable(),
  steps: z.array(stepSchema).max(MAX_STEPS, `An integration has at most ${MAX_STEPS} steps.`),
});

export type TriggerDefinitionConfig = z.infer<typeof triggerSchema>;
export type StepConfig = z.infer<typeof stepSchema>;
export type IntegrationDefinition = z.infer<typeof definitionSchema>;

export const EMPTY_DEFINITION: IntegrationDefinition = { trigger: null, steps: [] };

/** Every connection a definition uses (trigger and steps), without repeats. */
export function connectionIdsOf(definition: IntegrationDefinition): string[] {
  const ids = [definition.trigger?.connectionId, ...definition.steps.map((step) => step.connectionId)];
  return [...new Set(ids.filter((id): id is string => typeof id === "string"))];
}

/** Every connector a definition uses, trigger first, without repeats. */
export function connectorKeysOf(definition: IntegrationDefinition): string[] {
  const keys = [definition.trigger?.connectorKey, ...definition.steps.map((step) => step.connectorKey)];
  return [...new Set(keys.filter((key): key is string => typeof key === "string"))];
}
