// The shape of an integration's definition: one trigger, then ordered steps. This module checks
// the shape only; whether connectors, actions, connections and references exist is checked by
// the integrations service against the registry and the database.
import { z } from "zod";

/** Step IDs are the names templates use: `{{steps.create_item.id}}`. */
export const STEP_ID = /^[a-z][a-z0-9_]{0,39}$/;

// Each message says what is wrong in words: the editor shows it beside the field, and a
// definition imported or sent by a script can be wrong in any way.

/** An input is fixed text with `{{trigger.x}}` / `{{steps.<id>.x}}` references; JSON values stay JSON. */
const inputValue = z.union([z.string().max(100_000, "A value may be at most 100,000 characters."), z.number(), z.boolean(), z.null()], {
  error: "A value is text, a number, true or false, or empty.",
});

const required = (message: string) => z.string({ error: message }).min(1, message);
/** An object's message for a value that is no object at all; its other issues (unknown keys…) keep theirs. */
const notAnObject = (message: string) => ({ error: (issue: { code?: string }) => (issue.code === "invalid_type" ? message : undefined) });
const connectionId = required("Choose a connection.").nullable();

export const triggerSchema = z.object(
  {
    connectorKey: required("Choose a connector for the trigger."),
    triggerKey: required("Choose a trigger event."),
    connectionId,
    options: z.record(z.string(), inputValue, { error: "The trigger's options must be an object of option names and values." }),
  },
  notAnObject("The trigger must be an object with a connector, an event and options."),
);

const STEP_ID_MESSAGE = "A step ID is lower-case letters, digits and _ (starting with a letter).";

export const stepSchema = z.object(
  {
    id: z.string({ error: STEP_ID_MESSAGE }).regex(STEP_ID, STEP_ID_MESSAGE),
    name: z.string({ error: "Give the step a name." }).trim().min(1, "Give the step a name.").max(100, "A step name may be at most 100 characters."),
    connectorKey: required("Choose a connector."),
    actionKey: required("Choose an action."),
    connectionId,
    input: z.record(z.string(), inputValue, { error: "The step's inputs must be an object of input names and values." }),
  },
  notAnObject("A step must be an object with an ID, a name, a connector, an action and inputs."),
);

export const MAX_STEPS = 50;

export const definitionSchema = z.object(
  {
    trigger: triggerSchema.nullable(),
    steps: z.array(stepSchema, { error: "The steps must be a list." }).max(MAX_STEPS, `An integration has at most ${MAX_STEPS} steps.`),
  },
  notAnObject("A definition must be an object with a trigger and a list of steps."),
);

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
