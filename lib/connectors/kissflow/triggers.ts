// Instant triggers on a board's items. They declare what they listen to; the engine reads the
// item change log (written in the same transaction as each item write) to produce the runs.
import { z } from "zod";
import { defineTrigger, type PropField } from "@/lib/connectors/framework";
import type { KissflowCredentials } from "@/lib/connectors/kissflow/client";

const props: PropField[] = [{ key: "boardId", label: "Board ID", type: "text", required: true }];
const options = z.object({ boardId: z.string({ error: "Board ID is required." }).trim().min(1, "Board ID is required.") });
type Options = z.infer<typeof options>;

/** A generic item of the chosen board: the real fields are known once an item arrives. */
function sampleItem({ boardId }: Options) {
  return { id: "itm_0000000000000000abcdef", boardId, values: { name: "Sample item" }, createdAt: "2025-01-01T09:00:00.000Z", updatedAt: "2025-01-01T09:00:00.000Z" };
}

export const newItem = defineTrigger<Options, KissflowCredentials>({
  key: "new_item",
  name: "New item in board",
  description: "Starts a run for every item added to the board.",
  type: "app_event",
  props,
  options,
  sampleOutput: sampleItem,
});

export const itemUpdated = defineTrigger<Options, KissflowCredentials>({
  key: "item_updated",
  name: "Item updated in board",
  description: "Starts a run every time an item of the board is changed.",
  type: "app_event",
  props,
  options,
  sampleOutput: sampleItem,
});
