// Kissflow: this product itself, through its REST API (SPEC §4, §5).
import { defineConnector } from "@/lib/connectors/framework";
import { createItem, findItems, getItem, updateItem } from "@/lib/connectors/kissflow/actions";
import { kissflowAuth } from "@/lib/connectors/kissflow/auth";
import type { KissflowCredentials } from "@/lib/connectors/kissflow/client";
import { itemUpdated, newItem } from "@/lib/connectors/kissflow/triggers";

export const kissflow = defineConnector<KissflowCredentials>({
  key: "kissflow",
  name: "Kissflow",
  description: "Boards and items of this account's apps, through the REST API.",
  icon: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
  auth: kissflowAuth,
  callsInstance: true,
  triggers: [newItem, itemUpdated],
  actions: [createItem, updateItem, getItem, findItems],
});
