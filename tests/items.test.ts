import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { itemChanges } from "@/db/schema";
import { createApp } from "@/lib/apps/apps";
import { addField, boardOfAccount, createBoard, moveField, removeField } from "@/lib/boards/boards";
import { boardFieldsIn } from "@/lib/boards/board-fields";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createItems, deleteItem, listItems, updateItem } from "@/lib/items/items";
import { errorOf, newAccount } from "./support/fixtures";

/** An app whose board "Orders" has a required `name` and a number `amount`, deployed unless asked not to. */
async function boardWithFields({ deployed = true } = {}) {
  const { admin, accountId } = await newAccount();
  const app = createApp(admin, { name: "Orders" });
  const board = createBoard(admin, app.id, { name: "Orders" });
  addField(admin, board.id, { label: "Name", type: "text", required: true });
  addField(admin, board.id, { label: "Amount", type: "number" });
  if (deployed) deploy(admin, app.id);
  return { admin, app, board, dev: environmentOf(accountId, "development"), prod: environmentOf(accountId, "production") };
}

describe("board items", () => {
  it("keeps each environment's items separate", async () => {
    const { admin, board, dev, prod } = await boardWithFields();
    createItems(admin, dev, board.id, [{ name: "Dev item" }]);
    createItems(admin, prod, board.id, [{ name: "Prod item", amount: 3 }]);
    expect(listItems(admin, dev, board.id).items.map((i) => i.values.name)).toEqual(["Dev item"]);
    expect(listItems(admin, prod, board.id).items.map((i) => i.values.name)).toEqual(["Prod item"]);
  });

  it("writes one change-log row per item write, in the same transaction", async () => {
    const { admin, board, prod } = await boardWithFields();
    const [item] = createItems(admin, prod, board.id, [{ name: "A" }]);
    updateItem(admin, prod, item.id, { amount: "12.5" });
    deleteItem(admin, prod, item.id);
    const log = getDb().select().from(itemChanges).where(eq(itemChanges.itemId, item.id)).all();
    expect(log.map((c) => c.kind)).toEqual(["created", "updated", "deleted"]);
    expect(log[1].values).toEqual({ name: "A", amount: 12.5 });
  });

  it("writes a batch whole or not at all", async () => {
    const { admin, board, prod } = await boardWithFields();
    expect(() => createItems(admin, prod, board.id, [{ name: "ok" }, { amount: "x" }])).toThrow(/Item 2: Name is required/);
    expect(listItems(admin, prod, board.id).items).toHaveLength(0);
  });
});

describe("Production board fields (changes in the app builder wait for Deploy)", () => {
  it("refuses Production items on a board that was never deployed, saying to deploy, and keeps Development open", async () => {
    const { admin, board, dev, prod } = await boardWithFields({ deployed: false });
    expect(boardFieldsIn(boardOfAccount(admin, board.id), "production")).toBeNull();
    const error = await errorOf(() => createItems(admin, prod, board.id, [{ name: "Too early" }]));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('The board "Orders" has not been deployed yet, so Production has no form for it: deploy the app (Edit app > Deploy), then add its items.');
    expect(listItems(admin, prod, board.id).items).toHaveLength(0);
    expect(createItems(admin, dev, board.id, [{ name: "Testing" }])).toHaveLength(1);
  });

  it("does not show or check a field added in the builder in Production until Deploy, and does after it", async () => {
    const { admin, app, board, dev, prod } = await boardWithFields();
    addField(admin, board.id, { label: "Priority", type: "select", options: "Low\nHigh", required: true });

    // Development has the new field at once: required there.
    expect(() => createItems(admin, dev, board.id, [{ name: "Dev" }])).toThrow("Priority is required.");
    // Production has the deployed form: no Priority, neither shown nor required nor accepted.
    expect(boardFieldsIn(boardOfAccount(admin, board.id), "production")?.map((f) => f.key)).toEqual(["name", "amount"]);
    const [before] = createItems(admin, prod, board.id, [{ name: "Before deploy" }]);
    const unknown = await errorOf(() => createItems(admin, prod, board.id, [{ name: "Early", priority: "High" }]));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).fieldErrors).toEqual({ priority: 'The board has no field "priority".' });
    expect(() => updateItem(admin, prod, before.id, { priority: "High" })).toThrow('The board has no field "priority".');

    deploy(admin, app.id);
    expect(boardFieldsIn(boardOfAccount(admin, board.id), "production")?.map((f) => f.key)).toEqual(["name", "amount", "priority"]);
    expect(() => createItems(admin, prod, board.id, [{ name: "After deploy" }])).toThrow("Priority is required.");
    expect(createItems(admin, prod, board.id, [{ name: "After deploy", priority: "High" }])[0].values).toEqual({ name: "After deploy", amount: null, priority: "High" });
    expect(updateItem(admin, prod, before.id, { priority: "Low" }).values).toEqual({ name: "Before deploy", amount: null, priority: "Low" });
  });

  it("keeps a field removed or moved in the builder in Production until Deploy", async () => {
    const { admin, app, board, prod } = await boardWithFields();
    moveField(admin, board.id, "amount", "up");
    removeField(admin, board.id, "name");
    expect(createItems(admin, prod, board.id, [{ name: "Still required", amount: 2 }])[0].values).toEqual({ name: "Still required", amount: 2 });
    expect(() => createItems(admin, prod, board.id, [{ amount: 2 }])).toThrow("Name is required.");

    deploy(admin, app.id);
    expect(boardFieldsIn(boardOfAccount(admin, board.id), "production")).toEqual([{ key: "amount", label: "Amount", type: "number", required: false }]);
    expect(createItems(admin, prod, board.id, [{ amount: 2 }])).toHaveLength(1);
    expect(() => createItems(admin, prod, board.id, [{ name: "Gone", amount: 2 }])).toThrow(ValidationError);
  });
});
