// The trigger data a test runs on. A board trigger uses the board's newest Development item (the
// "Items for testing" of the app builder), else an item made up from the board's fields; other
// triggers use their declared sample output.
import { findBoard } from "@/db/queries/apps";
import type { Board, BoardField, Item, ItemValues } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { JsonValue, TriggerDefinition } from "@/lib/connectors/framework";
import { environmentOf } from "@/lib/environments";
import { boardIdOfTrigger, triggerSampleOutput } from "@/lib/integrations/available-data";
import type { TriggerDefinitionConfig } from "@/lib/integrations/definition";
import { listItems } from "@/lib/items/items";

export type TriggerSample = {
  data: JsonValue;
  /** Where the data came from, said to the person testing. */
  description: string;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** An item as the Kissflow trigger delivers it (the REST API's item shape). */
export function itemData(item: Item): JsonValue {
  return { id: item.id, boardId: item.boardId, values: item.values, createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt) };
}

function exampleValue(field: BoardField): ItemValues[string] {
  switch (field.type) {
    case "number":
      return 42;
    case "date":
      return "2025-01-31";
    case "select":
      return field.options?.[0] ?? "";
    case "email":
      return "ada@example.com";
    case "checkbox":
      return true;
    default:
      return `Sample ${field.label}`;
  }
}

function madeUpItem(board: Board): JsonValue {
  const now = iso(Date.now());
  const values = Object.fromEntries(board.fields.map((field) => [field.key, exampleValue(field)]));
  return { id: "itm_sample", boardId: board.id, values, createdAt: now, updatedAt: now };
}

export function triggerSample(actor: Actor, appId: string, definition: TriggerDefinition<unknown, unknown>, trigger: TriggerDefinitionConfig): TriggerSample {
  const boardId = boardIdOfTrigger(definition, trigger);
  const board = boardId ? findBoard(appId, boardId, "development") : undefined;
  if (board) {
    const newest = listItems(actor, environmentOf(actor.accountId, "development"), board.id, { limit: 1 }).items[0];
    if (newest) return { data: itemData(newest), description: `The newest Development item of ${board.name}.` };
    return { data: madeUpItem(board), description: `A made-up item of ${board.name} (add an item for testing to the board to use real data).` };
  }
  return { data: triggerSampleOutput(definition, trigger.options) ?? {}, description: `The sample data of "${definition.name}".` };
}
