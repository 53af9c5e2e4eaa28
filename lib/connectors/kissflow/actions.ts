// Create, update, read and find board items through the REST API. Create sends the step's
// idempotency key, so a retried step replays the first answer instead of adding a second item.
import { z } from "zod";
import { defineAction, type JsonValue, type PropField } from "@/lib/connectors/framework";
import { kissflowRequest, type KissflowCredentials } from "@/lib/connectors/kissflow/client";

const id = (label: string) => z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`).max(100);
const values = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]), { error: "Values must be an object keyed by field key." });

const boardField: PropField = { key: "boardId", label: "Board ID", type: "text", required: true, mappable: true };
const itemField: PropField = { key: "itemId", label: "Item ID", type: "text", required: true, mappable: true };
const valuesField: PropField = { key: "values", label: "Values", type: "json", required: true, mappable: true, hint: 'Keyed by field key, e.g. {"name": "{{trigger.values.name}}"}.' };

const sampleItem = { id: "itm_0000000000000000abcdef", boardId: "brd_x7K2p9Qm4tRz", values: { name: "Sample item" }, createdAt: "2025-01-01T09:00:00.000Z", updatedAt: "2025-01-01T09:00:00.000Z" };
const path = (value: string) => encodeURIComponent(value);

/** Pages read by Find items at most: 10 × 100 items, so one step cannot scan a board without end. */
export const FIND_MAX_PAGES = 10;
const PAGE_SIZE = 100;

export const createItem = defineAction<{ boardId: string; values: Record<string, string | number | boolean | null> }, KissflowCredentials>({
  key: "create_item",
  name: "Create item",
  description: "Adds an item to a board.",
  props: [boardField, valuesField],
  input: z.object({ boardId: id("Board ID"), values }),
  sampleOutput: sampleItem,
  run: (ctx) =>
    kissflowRequest(ctx, `boards/${path(ctx.input.boardId)}/items`, { method: "POST", body: ctx.input.values, idempotencyKey: ctx.idempotencyKey, signal: ctx.signal }),
});

export const updateItem = defineAction<{ itemId: string; values: Record<string, string | number | boolean | null> }, KissflowCredentials>({
  key: "update_item",
  name: "Update item",
  description: "Changes the given fields of an item; the others keep their values.",
  props: [itemField, valuesField],
  input: z.object({ itemId: id("Item ID"), values }),
  sampleOutput: sampleItem,
  run: (ctx) => kissflowRequest(ctx, `items/${path(ctx.input.itemId)}`, { method: "PATCH", body: ctx.input.values, signal: ctx.signal }),
});

export const getItem = defineAction<{ itemId: string }, KissflowCredentials>({
  key: "get_item",
  name: "Get item",
  description: "Reads one item by its ID.",
  props: [itemField],
  input: z.object({ itemId: id("Item ID") }),
  sampleOutput: sampleItem,
  run: (ctx) => kissflowRequest(ctx, `items/${path(ctx.input.itemId)}`, { signal: ctx.signal }),
});

type Page = { data: { values: Record<string, JsonValue> }[]; nextCursor: string | null };

/** Loose equality as people mean it in a form: 3 equals "3", true equals "true". */
function sameValue(actual: JsonValue | undefined, wanted: string): boolean {
  if (actual === undefined || actual === null) return wanted === "";
  return String(actual).trim() === wanted.trim();
}

export const findItems = defineAction<{ boardId: string; field: string; value: string; limit: number }, KissflowCredentials>({
  key: "find_items",
  name: "Find items",
  description: `Finds the items of a board whose field equals a value (newest first; looks at the newest ${FIND_MAX_PAGES * PAGE_SIZE} items).`,
  props: [
    boardField,
    { key: "field", label: "Field key", type: "text", required: true, mappable: true },
    { key: "value", label: "Value", type: "text", mappable: true },
    { key: "limit", label: "At most", type: "number", placeholder: "10" },
  ],
  input: z.object({
    boardId: id("Board ID"),
    field: id("Field key"),
    value: z.union([z.string(), z.number(), z.boolean()]).transform(String).default(""),
    limit: z.coerce.number().int("At most must be a whole number.").min(1, "At most must be 1 to 100.").max(100, "At most must be 1 to 100.").default(10),
  }),
  sampleOutput: { items: [sampleItem], count: 1, complete: true },
  async run(ctx) {
    const found: JsonValue[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < FIND_MAX_PAGES; page++) {
      const query: Record<string, string> = { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) };
      const result = (await kissflowRequest(ctx, `boards/${path(ctx.input.boardId)}/items`, { query, signal: ctx.signal })) as unknown as Page;
      for (const item of result.data) {
        if (sameValue(item.values[ctx.input.field], ctx.input.value)) found.push(item as unknown as JsonValue);
        if (found.length === ctx.input.limit) return { items: found, count: found.length, complete: true };
      }
      cursor = result.nextCursor;
      if (!cursor) return { items: found, count: found.length, complete: true };
    }
    // More items than the pages read: say so, rather than claim none further match.
    return { items: found, count: found.length, complete: false };
  },
});
