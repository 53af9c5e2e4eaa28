// What data a step may read: the trigger's fields and the outputs of earlier steps. The same
// description serves the editor's "Insert data" picker and the save-time check of references.
import type { Board } from "@/db/schema";
import type { ActionDefinition, JsonValue, TriggerDefinition } from "@/lib/connectors/framework";
import type { TriggerDefinitionConfig } from "@/lib/integrations/definition";

/** One insertable reference: `trigger.values.amount` with a label people read. */
export type DataOption = { reference: string; label: string };

/** The shape of a data source, checked one level down (two for a board's `values`). */
export type DataShape = {
  /** Top-level keys the data has; null: unknown, any key is accepted. */
  keys: Set<string> | null;
  /** Keys under `values` (a board item's field keys), when known. */
  valueKeys?: Set<string>;
  options: DataOption[];
};

const ITEM_KEYS: [string, string][] = [
  ["id", "Item ID"],
  ["boardId", "Board ID"],
  ["createdAt", "Created at"],
  ["updatedAt", "Updated at"],
];

const MAX_OPTIONS = 60;
const MAX_DEPTH = 3;

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A board item's data as the trigger delivers it: its fields under `values`, then its ID and times. */
export function boardItemOptions(fields: { key: string; label: string }[]): DataOption[] {
  return [...fields.map((field) => ({ reference: `trigger.values.${field.key}`, label: field.label })), ...ITEM_KEYS.map(([key, label]) => ({ reference: `trigger.${key}`, label }))];
}

/** `a`, `a.b`, `items.0.id`…: the paths of a sample, a few levels deep, for the picker. */
export function samplePaths(sample: JsonValue, prefix: string, depth = 0): DataOption[] {
  const out: DataOption[] = [];
  const entries: [string, JsonValue][] = Array.isArray(sample) ? (sample.length > 0 ? [["0", sample[0]]] : []) : isObject(sample) ? Object.entries(sample) : [];
  for (const [key, value] of entries) {
    const reference = `${prefix}.${key}`;
    out.push({ reference, label: reference.split(".").slice(prefix.split(".").length).join(" › ") });
    if (depth + 1 < MAX_DEPTH && value !== null && typeof value === "object") out.push(...samplePaths(value, reference, depth + 1));
    if (out.length >= MAX_OPTIONS) break;
  }
  return out.slice(0, MAX_OPTIONS);
}

function keysOf(sample: JsonValue): Set<string> | null {
  return isObject(sample) ? new Set(Object.keys(sample)) : null;
}

/** Triggers on a board's items (Kissflow's): their options name the board. */
export function boardIdOfTrigger(definition: TriggerDefinition<unknown, unknown>, trigger: TriggerDefinitionConfig): string | null {
  const boardId = trigger.options.boardId;
  return definition.type === "app_event" && typeof boardId === "string" && boardId.trim() !== "" ? boardId.trim() : null;
}

/** The trigger's sample for its options, or null when the options do not parse yet. */
export function triggerSampleOutput(definition: TriggerDefinition<unknown, unknown>, options: Record<string, unknown>): JsonValue | null {
  const parsed = definition.options.safeParse(dropEmpty(options));
  if (!parsed.success) return null;
  try {
    return definition.sampleOutput(parsed.data);
  } catch {
    return null;
  }
}

/** Empty text means "not set": left out so a schema's defaults and optional fields apply. */
export function dropEmpty<T>(values: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !(typeof value === "string" && value.trim() === "")));
}

/**
 * The trigger's data. A board trigger offers the board's field keys under `values` (and the
 * item's ID and times); any other trigger offers the top-level keys of its sample output.
 */
export function triggerShape(definition: TriggerDefinition<unknown, unknown>, trigger: TriggerDefinitionConfig, boards: Board[]): DataShape {
  const boardId = boardIdOfTrigger(definition, trigger);
  if (boardId !== null) {
    const board = boards.find((b) => b.id === boardId);
    const fields = board?.fields ?? [];
    return { keys: new Set([...ITEM_KEYS.map(([key]) => key), "values"]), valueKeys: new Set(fields.map((field) => field.key)), options: boardItemOptions(fields) };
  }
  const sample = triggerSampleOutput(definition, trigger.options);
  return { keys: sample === null ? null : keysOf(sample), options: sample === null ? [] : samplePaths(sample, "trigger") };
}

/** An earlier step's data: the top-level keys of its action's sample output. */
export function stepShape(stepId: string, action: ActionDefinition<unknown, unknown>): DataShape {
  return { keys: keysOf(action.sampleOutput), options: samplePaths(action.sampleOutput, `steps.${stepId}`) };
}
