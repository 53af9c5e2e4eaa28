import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { itemChanges } from "@/db/schema";
import { createApp } from "@/lib/apps/apps";
import { addField, createBoard } from "@/lib/boards/boards";
import { environmentOf } from "@/lib/environments";
import { createItems, deleteItem, listItems, updateItem } from "@/lib/items/items";
import { newAccount } from "./support/fixtures";

async function boardWithFields() {
  const { admin, accountId } = await newAccount();
  const app = createApp(admin, { name: "Orders" });
  const board = createBoard(admin, app.id, { name: "Orders" });
  addField(admin, board.id, { label: "Name", type: "text", required: true });
  addField(admin, board.id, { label: "Amount", type: "number" });
  return { admin, accountId, board };
}

describe("board items", () => {
  it("keeps each environment's items separate", async () => {
    const { admin, accountId, board } = await boardWithFields();
    const dev = environmentOf(accountId, "development");
    const prod = environmentOf(accountId, "production");
    createItems(admin, dev, board.id, [{ name: "Dev item" }]);
    createItems(admin, prod, board.id, [{ name: "Prod item", amount: 3 }]);
    expect(listItems(admin, dev, board.id).items.map((i) => i.values.name)).toEqual(["Dev item"]);
    expect(listItems(admin, prod, board.id).items.map((i) => i.values.name)).toEqual(["Prod item"]);
  });

  it("writes one change-log row per item write, in the same transaction", async () => {
    const { admin, accountId, board } = await boardWithFields();
    const prod = environmentOf(accountId, "production");
    const [item] = createItems(admin, prod, board.id, [{ name: "A" }]);
    updateItem(admin, prod, item.id, { amount: "12.5" });
    deleteItem(admin, prod, item.id);
    const log = getDb().select().from(itemChanges).where(eq(itemChanges.itemId, item.id)).all();
    expect(log.map((c) => c.kind)).toEqual(["created", "updated", "deleted"]);
    expect(log[1].values).toEqual({ name: "A", amount: 12.5 });
  });

  it("writes a batch whole or not at all", async () => {
    const { admin, accountId, board } = await boardWithFields();
    const prod = environmentOf(accountId, "production");
    expect(() => createItems(admin, prod, board.id, [{ name: "ok" }, { amount: "x" }])).toThrow(/Item 2: Name is required/);
    expect(listItems(admin, prod, board.id).items).toHaveLength(0);
  });
});
