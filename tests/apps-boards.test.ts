import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, boards, items } from "@/db/schema";
import { appOfAccount, createApp, deleteApp, renameApp } from "@/lib/apps/apps";
import {
  addField,
  boardOfAccount,
  createBoard,
  deleteBoard,
  moveField,
  removeField,
  renameBoard,
} from "@/lib/boards/boards";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createItems, listItems } from "@/lib/items/items";
import { countRows, errorOf, newAccount, newBoard, newUser } from "./support/fixtures";

const keysOf = (admin: Parameters<typeof boardOfAccount>[0], boardId: string) =>
  boardOfAccount(admin, boardId).fields.map((f) => f.key);

describe("apps", () => {
  it("are created, renamed and deleted by builders and admins", async () => {
    const { admin, accountId } = await newAccount();
    const builder = await newUser(admin, "builder");
    const app = createApp(builder, { name: "  Orders " });
    expect(app).toMatchObject({ accountId, name: "Orders", createdBy: builder.userId });
    renameApp(admin, app.id, { name: "Sales orders" });
    expect(appOfAccount(admin, app.id).name).toBe("Sales orders");
    deleteApp(builder, app.id);
    expect(() => appOfAccount(admin, app.id)).toThrow(NotFoundError);
  });

  it("refuse members", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const app = createApp(admin, { name: "Orders" });
    const before = countRows(apps);
    expect(() => createApp(member, { name: "Mine" })).toThrow("Only a builder or an admin can create apps.");
    expect(() => renameApp(member, app.id, { name: "Mine" })).toThrow(ForbiddenError);
    expect(() => deleteApp(member, app.id)).toThrow(ForbiddenError);
    expect(countRows(apps)).toBe(before);
    expect(appOfAccount(admin, app.id).name).toBe("Orders");
  });

  it("need a name", async () => {
    const { admin } = await newAccount();
    const error = await errorOf(() => createApp(admin, { name: "   " }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ name: "App name is required." });
    expect(() => createApp(admin, { name: "x".repeat(101) })).toThrow("App name must be at most 100 characters.");
  });

  it("take their boards and items with them when deleted", async () => {
    const { admin, accountId } = await newAccount();
    const { app, board } = newBoard(admin);
    addField(admin, board.id, { label: "Name", type: "text" });
    deploy(admin, app.id);
    createItems(admin, environmentOf(accountId, "production"), board.id, [{ name: "A" }]);
    deleteApp(admin, app.id);
    expect(getDb().select().from(boards).where(eq(boards.appId, app.id)).all()).toEqual([]);
    expect(getDb().select().from(items).where(eq(items.boardId, board.id)).all()).toEqual([]);
  });
});

describe("boards", () => {
  it("are created, renamed and deleted", async () => {
    const { admin } = await newAccount();
    const app = createApp(admin, { name: "Orders" });
    const board = createBoard(admin, app.id, { name: "Orders" });
    expect(board).toMatchObject({ appId: app.id, name: "Orders", fields: [] });
    renameBoard(admin, board.id, { name: "Invoices" });
    expect(boardOfAccount(admin, board.id).name).toBe("Invoices");
    deleteBoard(admin, board.id);
    expect(() => boardOfAccount(admin, board.id)).toThrow(NotFoundError);
  });

  it("leave Development at once when deleted, taking only their Development items; Production keeps its own until Deploy", async () => {
    const { admin, accountId } = await newAccount();
    const { app, board } = newBoard(admin);
    const { app: other, board: kept } = newBoard(admin, "Other", "Kept");
    for (const b of [board, kept]) addField(admin, b.id, { label: "Name", type: "text" });
    for (const a of [app, other]) deploy(admin, a.id);
    for (const kind of ["development", "production"] as const) {
      createItems(admin, environmentOf(accountId, kind), board.id, [{ name: "first" }, { name: "second" }]);
      createItems(admin, environmentOf(accountId, kind), kept.id, [{ name: "kept" }]);
    }
    deleteBoard(admin, board.id);
    const development = environmentOf(accountId, "development");
    const production = environmentOf(accountId, "production");
    expect(getDb().select().from(items).where(and(eq(items.boardId, board.id), eq(items.environmentId, development.id))).all()).toEqual([]);
    expect(() => listItems(admin, development, board.id)).toThrow(NotFoundError);
    expect(listItems(admin, production, board.id).items).toHaveLength(2);
    expect(listItems(admin, development, kept.id).items).toHaveLength(1);
  });

  it("cannot be created in an app that does not exist", async () => {
    const { admin } = await newAccount();
    expect(() => createBoard(admin, "app_missing", { name: "Orders" })).toThrow(NotFoundError);
  });

  it("cannot be changed by members, who can still read them", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const { app, board } = newBoard(admin);
    expect(() => createBoard(member, app.id, { name: "Mine" })).toThrow(ForbiddenError);
    expect(() => renameBoard(member, board.id, { name: "Mine" })).toThrow(ForbiddenError);
    expect(() => deleteBoard(member, board.id)).toThrow(ForbiddenError);
    expect(() => addField(member, board.id, { label: "Note", type: "text" })).toThrow("Only a builder or an admin can change board fields.");
    expect(boardOfAccount(member, board.id)).toMatchObject({ name: "Orders", fields: [] });
  });

  it("can be changed by builders", async () => {
    const { admin } = await newAccount();
    const builder = await newUser(admin, "builder");
    const { app } = newBoard(admin);
    const board = createBoard(builder, app.id, { name: "Leads" });
    addField(builder, board.id, { label: "Name", type: "text" });
    renameBoard(builder, board.id, { name: "Prospects" });
    expect(boardOfAccount(admin, board.id)).toMatchObject({ name: "Prospects", fields: [{ key: "name" }] });
  });
});

describe("board fields", () => {
  it("get keys derived from their labels", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    const field = addField(admin, board.id, { label: "Customer email", type: "email", required: true });
    expect(field).toEqual({ key: "customer_email", label: "Customer email", type: "email", required: true });
    expect(addField(admin, board.id, { label: "Due-date (UTC)", type: "date" }).key).toBe("due_date_utc");
    expect(addField(admin, board.id, { label: "Café", type: "text" }).key).toBe("cafe");
    expect(addField(admin, board.id, { label: "2nd phone", type: "text" }).key).toBe("f_2nd_phone");
    expect(addField(admin, board.id, { label: "???", type: "text" }).key).toBe("field");
  });

  it("get a numbered key when the derived one is taken", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    addField(admin, board.id, { label: "Customer email", type: "email" });
    expect(addField(admin, board.id, { label: "Customer-email", type: "text" }).key).toBe("customer_email_2");
    expect(addField(admin, board.id, { label: "Customer  email!", type: "text" }).key).toBe("customer_email_3");
  });

  it("are not required unless asked", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    expect(addField(admin, board.id, { label: "Note", type: "text" }).required).toBe(false);
  });

  it("refuse a label the board already has, whatever its case", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    addField(admin, board.id, { label: "Name", type: "text" });
    const error = await errorOf(() => addField(admin, board.id, { label: " NAME ", type: "number" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ label: "A field with this name already exists." });
    expect(keysOf(admin, board.id)).toEqual(["name"]);
  });

  it("refuse an unknown type and an empty label", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    const error = await errorOf(() => addField(admin, board.id, { label: "", type: "color" }));
    expect((error as ValidationError).fieldErrors).toEqual({ label: "Field name is required.", type: "Choose a field type." });
  });

  it("of type select need at least one choice", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    for (const options of [undefined, "", " , \n ,"]) {
      const error = await errorOf(() => addField(admin, board.id, { label: "Status", type: "select", options }));
      expect((error as ValidationError).fieldErrors).toEqual({ options: "A select field needs at least one choice." });
    }
    expect(boardOfAccount(admin, board.id).fields).toEqual([]);
  });

  it("of type select take choices from lines and commas, trimmed and without duplicates", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    const field = addField(admin, board.id, { label: "Status", type: "select", options: "New, Open\n Done \nOpen,,New" });
    expect(field.options).toEqual(["New", "Open", "Done"]);
  });

  it("of other types keep no choices", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    expect(addField(admin, board.id, { label: "Note", type: "text", options: "a,b" })).not.toHaveProperty("options");
  });

  it("move up and down, and stay put at either end", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    for (const label of ["A", "B", "C"]) addField(admin, board.id, { label, type: "text" });
    moveField(admin, board.id, "c", "up");
    expect(keysOf(admin, board.id)).toEqual(["a", "c", "b"]);
    moveField(admin, board.id, "a", "down");
    expect(keysOf(admin, board.id)).toEqual(["c", "a", "b"]);
    moveField(admin, board.id, "c", "up");
    moveField(admin, board.id, "b", "down");
    expect(keysOf(admin, board.id)).toEqual(["c", "a", "b"]);
    expect(() => moveField(admin, board.id, "zzz", "up")).toThrow(NotFoundError);
  });

  it("are removed by key", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    for (const label of ["A", "B"]) addField(admin, board.id, { label, type: "text" });
    removeField(admin, board.id, "a");
    expect(keysOf(admin, board.id)).toEqual(["b"]);
    expect(() => removeField(admin, board.id, "a")).toThrow("The field was not found.");
  });

  it("never give a removed field's key to a new field, so old item values cannot resurface", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    addField(admin, board.id, { label: "Amount", type: "number" });
    removeField(admin, board.id, "amount");
    const again = addField(admin, board.id, { label: "Amount", type: "select", options: "Low\nHigh" });
    expect(again.key).toBe("amount_2");
  });

  it("never get a key that plain objects inherit", async () => {
    const { admin } = await newAccount();
    const { board } = newBoard(admin);
    expect(addField(admin, board.id, { label: "__proto__", type: "text" }).key).toBe("__proto___2");
  });

  it("cannot be moved or removed by members", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const { board } = newBoard(admin);
    for (const label of ["A", "B"]) addField(admin, board.id, { label, type: "text" });
    expect(() => moveField(member, board.id, "b", "up")).toThrow(ForbiddenError);
    expect(() => removeField(member, board.id, "a")).toThrow(ForbiddenError);
    expect(keysOf(admin, board.id)).toEqual(["a", "b"]);
  });
});
