import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { itemChanges } from "@/db/schema";
import { addField, createBoard } from "@/lib/boards/boards";
import { deploy } from "@/lib/deploy/deploy";
import { createItems } from "@/lib/items/items";
import { api, apiAccount, countItems, keyFor } from "../support/api";
import { newUser } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";

const PORT = 3302;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;
let globex: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  acme = await apiAccount("Acme");
  globex = await apiAccount("Globex");
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

const prod = () => api(server.url, acme.prodKey);
const itemsPath = () => `${acme.prodId}/boards/${acme.board.id}/items`;

describe("REST API apps and boards", () => {
  it("lists the account's apps and reads one, with ISO times", async () => {
    const list = await prod().get(`${acme.prodId}/apps`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([{ id: acme.app.id, name: "Orders", createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO) }]);
    const one = await prod().get(`${acme.prodId}/apps/${acme.app.id}`);
    expect(one.body).toEqual(list.body.data[0]);
  });

  it("lists an app's boards with their fields and reads one board", async () => {
    const list = await prod().get(`${acme.prodId}/apps/${acme.app.id}/boards`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ id: acme.board.id, appId: acme.app.id, name: "Orders" });
    expect(list.body.data[0].fields).toEqual([
      { key: "name", label: "Name", type: "text", required: true },
      { key: "amount", label: "Amount", type: "number", required: false },
    ]);
    const one = await prod().get(`${acme.prodId}/boards/${acme.board.id}`);
    expect(one.body).toEqual(list.body.data[0]);
  });

  it("answers 404 for another account's app and board IDs", async () => {
    for (const path of [`apps/${globex.app.id}`, `apps/${globex.app.id}/boards`, `boards/${globex.board.id}`, `boards/${globex.board.id}/items`]) {
      const res = await prod().get(`${acme.prodId}/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });
});

describe("REST API items", () => {
  it("creates one item from a values object and answers 201 with the item", async () => {
    const res = await prod().post(itemsPath(), { name: "Widget", amount: "3" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^itm_/),
      boardId: acme.board.id,
      values: { name: "Widget", amount: 3 },
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    const read = await prod().get(`${acme.prodId}/items/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it("creates 100 items in one request, in the order sent", async () => {
    const a = await apiAccount();
    const body = Array.from({ length: 100 }, (_, i) => ({ name: `Bulk ${i}`, amount: i }));
    const res = await api(server.url, a.prodKey).post(`${a.prodId}/boards/${a.board.id}/items`, body);
    expect(res.status).toBe(201);
    expect(res.body.data.map((item: { values: { name: string } }) => item.values.name)).toEqual(body.map((v) => v.name));
    expect(countItems(a.board.id, a.prod.id)).toBe(100);
  });

  it("refuses 101 items in one request with a 400 and writes none of them", async () => {
    const a = await apiAccount();
    const body = Array.from({ length: 101 }, (_, i) => ({ name: `Too many ${i}` }));
    const res = await api(server.url, a.prodKey).post(`${a.prodId}/boards/${a.board.id}/items`, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "validation_failed", message: "Send at most 100 items at once (got 101)." });
    expect(countItems(a.board.id, a.prod.id)).toBe(0);
  });

  it("refuses invalid values with a 400 whose fields name each wrong field, and writes nothing", async () => {
    const a = await apiAccount();
    const client = api(server.url, a.prodKey);
    const path = `${a.prodId}/boards/${a.board.id}/items`;
    const one = await client.post(path, { amount: "lots" });
    expect(one.status).toBe(400);
    expect(one.body.error.code).toBe("validation_failed");
    expect(one.body.error.fields).toEqual({ name: "Name is required.", amount: "Amount must be a number." });

    const batch = await client.post(path, [{ name: "fine" }, { name: "also fine", colour: "red" }]);
    expect(batch.status).toBe(400);
    expect(batch.body.error.message).toBe('Item 2: The board has no field "colour".');
    expect(batch.body.error.fields).toEqual({ "1.colour": 'The board has no field "colour".' });
    expect(countItems(a.board.id, a.prod.id)).toBe(0);
  });

  it("refuses a body that is neither a values object nor an array of them", async () => {
    const res = await prod().post(itemsPath(), "just a string");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON object keyed by field key, or an array of up to 100/);
  });

  it("lists items newest first with cursor pagination that covers every item exactly once", async () => {
    const a = await apiAccount();
    const created = Array.from({ length: 23 }, (_, i) => createItems(a.admin, a.prod, a.board.id, [{ name: `Item ${i}` }])[0].id);
    const client = api(server.url, a.prodKey);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await client.get(`${a.prodId}/boards/${a.board.id}/items?${query}`);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.data.length);
      seen.push(...page.body.data.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([10, 10, 3]);
    expect(seen).toEqual([...created].reverse());
  });

  it("uses 50 items a page by default", async () => {
    const a = await apiAccount();
    createItems(a.admin, a.prod, a.board.id, Array.from({ length: 51 }, (_, i) => ({ name: `Item ${i}` })));
    const page = await api(server.url, a.prodKey).get(`${a.prodId}/boards/${a.board.id}/items`);
    expect(page.body.data).toHaveLength(50);
    expect(page.body.nextCursor).toBe(page.body.data[49].id);
  });

  it("refuses a page size outside 1 to 100 with a 400", async () => {
    for (const limit of ["0", "101", "ten", "2.5"]) {
      const res = await prod().get(`${itemsPath()}?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error.fields).toEqual({ limit: "limit must be a whole number from 1 to 100." });
    }
  });

  it("changes only the fields a PATCH sends, then deletes the item with a 204", async () => {
    const created = (await prod().post(itemsPath(), { name: "Gadget", amount: 1 })).body;
    const patched = await prod().patch(`${acme.prodId}/items/${created.id}`, { amount: 7 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, values: { name: "Gadget", amount: 7 }, createdAt: created.createdAt });
    expect((await prod().get(`${acme.prodId}/items/${created.id}`)).body.values).toEqual({ name: "Gadget", amount: 7 });

    const deleted = await prod().delete(`${acme.prodId}/items/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect((await prod().get(`${acme.prodId}/items/${created.id}`)).status).toBe(404);
  });

  it("refuses a PATCH that would break the board's rules, naming the field", async () => {
    const created = (await prod().post(itemsPath(), { name: "Keep me" })).body;
    const res = await prod().patch(`${acme.prodId}/items/${created.id}`, { name: "" });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ name: "Name is required." });
    expect((await prod().get(`${acme.prodId}/items/${created.id}`)).body.values.name).toBe("Keep me");
  });

  it("keeps each environment's items apart", async () => {
    const created = (await prod().post(itemsPath(), { name: "Production only" })).body;
    const res = await api(server.url, acme.devKey).get(`${acme.devId}/items/${created.id}`);
    expect(res.status).toBe(404);
  });

  it("answers 404 for another account's item IDs and leaves the item alone", async () => {
    const [theirs] = createItems(globex.admin, globex.prod, globex.board.id, [{ name: "Globex secret" }]);
    const path = `${acme.prodId}/items/${theirs.id}`;
    for (const res of [await prod().get(path), await prod().patch(path, { name: "Hacked" }), await prod().delete(path)]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: "The item was not found." });
    }
    const still = await api(server.url, globex.prodKey).get(`${globex.prodId}/items/${theirs.id}`);
    expect(still.body.values).toEqual({ name: "Globex secret", amount: null });
  });

  it("lets a member's key create and change items", async () => {
    const member = await newUser(acme.admin, "member");
    const client = api(server.url, keyFor(member, "production"));
    const created = await client.post(itemsPath(), { name: "By a member" });
    expect(created.status).toBe(201);
    expect((await client.patch(`${acme.prodId}/items/${created.body.id}`, { amount: 2 })).status).toBe(200);
  });

  it("records every API write in the item change log as the access key", async () => {
    const created = (await prod().post(itemsPath(), { name: "Logged" })).body;
    await prod().patch(`${acme.prodId}/items/${created.id}`, { amount: 5 });
    await prod().delete(`${acme.prodId}/items/${created.id}`);
    const log = getDb()
      .select()
      .from(itemChanges)
      .where(and(eq(itemChanges.itemId, created.id), eq(itemChanges.environmentId, acme.prod.id)))
      .all();
    expect(log.map((change) => [change.kind, change.actor])).toEqual([
      ["created", `key:${acme.prodKey.id}`],
      ["updated", `key:${acme.prodKey.id}`],
      ["deleted", `key:${acme.prodKey.id}`],
    ]);
    expect(log[1].values).toEqual({ name: "Logged", amount: 5 });
  });
});

describe("REST API board fields per environment (builder changes reach Production with Deploy)", () => {
  it("refuses Production items on a board never deployed with a 409 that says to deploy", async () => {
    const a = await apiAccount();
    const later = createBoard(a.admin, a.app.id, { name: "Later" });
    addField(a.admin, later.id, { label: "Title", type: "text" });
    const board = await api(server.url, a.prodKey).get(`${a.prodId}/boards/${later.id}`);
    expect(board.body).toMatchObject({ name: "Later", fields: [], deployedToProduction: false });
    expect((await api(server.url, a.devKey).get(`${a.devId}/boards/${later.id}`)).body.fields).toEqual([{ key: "title", label: "Title", type: "text", required: false }]);

    const res = await api(server.url, a.prodKey).post(`${a.prodId}/boards/${later.id}/items`, { title: "Too early" });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: "conflict",
      message: 'The board "Later" has not been deployed yet, so Production has no form for it: deploy the app (Edit app > Deploy), then add its items.',
    });
    expect(countItems(later.id, a.prod.id)).toBe(0);
  });

  it("does not show or accept a field added in the builder in Production until Deploy, and does after it", async () => {
    const a = await apiAccount();
    const client = api(server.url, a.prodKey);
    const path = `${a.prodId}/boards/${a.board.id}`;
    addField(a.admin, a.board.id, { label: "Colour", type: "text", required: true });

    expect((await client.get(path)).body.fields.map((f: { key: string }) => f.key)).toEqual(["name", "amount"]);
    const early = await client.post(`${path}/items`, { name: "Early", colour: "red" });
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual({ colour: 'The board has no field "colour".' });
    expect((await client.post(`${path}/items`, { name: "Without colour" })).status).toBe(201);

    deploy(a.admin, a.app.id);
    expect((await client.get(path)).body.fields.map((f: { key: string }) => f.key)).toEqual(["name", "amount", "colour"]);
    expect((await client.post(`${path}/items`, { name: "Without colour" })).body.error.fields).toEqual({ colour: "Colour is required." });
    const after = await client.post(`${path}/items`, { name: "After", colour: "red" });
    expect(after.status).toBe(201);
    expect(after.body.values).toEqual({ name: "After", amount: null, colour: "red" });
  });
});
