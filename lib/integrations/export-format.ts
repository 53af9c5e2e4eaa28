// The portable form of an integration's definition: connection IDs (which mean something in one
// environment of one account only) are replaced by `{ name, connectorKey }`. Export writes it,
// import reads it, and deploy compares Development with Production through it, so a definition
// is "the same" in both environments when it uses connections of the same names.
import { z } from "zod";
import { INTEGRATION_STATES } from "@/db/schema";
import { MAX_STEPS, stepSchema, triggerSchema, type IntegrationDefinition } from "@/lib/integrations/definition";

export const connectionRefSchema = z.strictObject({
  name: z.string({ error: "A connection reference needs the connection's name." }).trim().min(1, "A connection reference needs the connection's name.").max(80),
  connectorKey: z.string({ error: "A connection reference needs its connector." }).min(1, "A connection reference needs its connector.").max(60),
});
export type ConnectionRef = z.infer<typeof connectionRefSchema>;

// Strict: a `connectionId` (an ID of some account's connection) is refused, never carried over.
const portableTriggerSchema = triggerSchema.omit({ connectionId: true }).extend({ connection: connectionRefSchema.nullable() }).strict();
const portableStepSchema = stepSchema.omit({ connectionId: true }).extend({ connection: connectionRefSchema.nullable() }).strict();

export const portableDefinitionSchema = z.strictObject({
  trigger: portableTriggerSchema.nullable(),
  steps: z.array(portableStepSchema).max(MAX_STEPS, `An integration has at most ${MAX_STEPS} steps.`),
});
export type PortableDefinition = z.infer<typeof portableDefinitionSchema>;

export const EXPORT_FORMAT = "boardflow.integrations";
export const EXPORT_VERSION = 1;
export const MAX_EXPORTED_INTEGRATIONS = 200;

export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string().max(40).optional(),
  app: z.strictObject({ name: z.string().max(100) }).optional(),
  integrations: z
    .array(
      z.strictObject({
        name: z.string({ error: "Each integration needs a name." }).trim().min(1, "Each integration needs a name.").max(100, "An integration name has at most 100 characters."),
        state: z.enum(INTEGRATION_STATES).default("active"),
        definition: portableDefinitionSchema,
      }),
    )
    .max(MAX_EXPORTED_INTEGRATIONS, `A file holds at most ${MAX_EXPORTED_INTEGRATIONS} integrations.`),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

/** Replaces each connection ID by what `refOf` says it is. */
export function toPortable(definition: IntegrationDefinition, refOf: (connectionId: string) => ConnectionRef): PortableDefinition {
  const ref = (id: string | null) => (id === null ? null : refOf(id));
  return {
    trigger: definition.trigger ? (({ connectionId, ...trigger }) => ({ ...trigger, connection: ref(connectionId) }))(definition.trigger) : null,
    steps: definition.steps.map(({ connectionId, ...step }) => ({ ...step, connection: ref(connectionId) })),
  };
}

/** The reverse: each reference becomes the ID `idOf` gives it. */
export function fromPortable(definition: PortableDefinition, idOf: (ref: ConnectionRef) => string): IntegrationDefinition {
  const id = (ref: ConnectionRef | null) => (ref === null ? null : idOf(ref));
  return {
    trigger: definition.trigger ? (({ connection, ...trigger }) => ({ ...trigger, connectionId: id(connection) }))(definition.trigger) : null,
    steps: definition.steps.map(({ connection, ...step }) => ({ ...step, connectionId: id(connection) })),
  };
}

/** Every connection reference of a portable definition, without repeats. */
export function connectionRefsOf(definition: PortableDefinition): ConnectionRef[] {
  const refs = [definition.trigger?.connection, ...definition.steps.map((step) => step.connection)].filter((ref): ref is ConnectionRef => !!ref);
  const seen = new Map(refs.map((ref) => [refKey(ref), ref]));
  return [...seen.values()];
}

export function refKey(ref: ConnectionRef): string {
  return JSON.stringify([ref.connectorKey, ref.name]);
}

/** JSON with object keys sorted, so two equal definitions compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
