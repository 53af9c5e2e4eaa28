// POST and PATCH of board items over real HTTP with random, wrongly typed, malformed and oversized
// bodies, against a board with a field of every type: the server answers with the item(s) or a
// 4xx naming the field at fault, and a refused request writes nothing (a batch is all or nothing).
import { fc, it } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { getDb } from "@/db/client";
import { itemChanges, items } from "@/db/schema";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "@/lib/api/json-body";
import { addField } from "@/lib/boards/boards";
import { deploy } from "@/lib/deploy/deploy";
import { createItems } from "@/lib/items/items";
import { api, apiAccount, type ApiResponse } from "../support/api";
import { countRows } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { anyText, expectFieldMessagesNamed, expectReadable, malformedJson, nonTextJson, notUtf8, OBJECT_KEYS, textOfLength } from "./support";

const PORT = 3372;
let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;

/** The board's fields by key, with the labels their messages must name. */
const LABELS: Record<string, string> = { name: "Name", amount: "Amount", due: "Due", stage: "Stage", contact: "Contact", urgent: "Urgent" };
const STAGES = ["New", "Won", "Lost"];
type Kind = "text" | "number" | "date" | "select" | "email" | "checkbox";
const KIND_OF: Record<string, Kind> = { name: "text", amount: "number", due: "date", stage: "select", contact: "email", urgent: "checkbox" };

beforeAll(async () => {
  acme = await apiAccount("Acme");
  addField(acme.admin, acme.board.id, { label: "Due", type: "date" });
  addField(acme.admin, acme.board.id, { label: "Stage", type: "select", options: STAGES.join(", ") });
  addField(acme.admin, acme.board.id, { label: "Contact", type: "email" });
  addField(acme.admin, acme.board.id, { label: "Urgent", type: "checkbox" });
  deploy(acme.admin, acme.app.id);
  // Property runs send hundreds of requests: the rate limit is not what is tested here.
  server = await startServer({ port: PORT, env: { API_RATE_LIMIT_PER_SECOND: "100000", API_RATE_LIMIT_BURST: "100000" } });
});

afterAll(async () => {
  await server?.stop();
});

const client = () => api(server.url, acme.prodKey);
const itemsPath = () => `${acme.prodId}/boards/${acme.board.id}/items`;
const writes = () => ({ items: countRows(items), changes: countRows(itemChanges) });
const storedValues = (id: string) => getDb().select({ values: items.values }).from(items).where(eq(items.id, id)).get()?.values;

/** A field key as the API reports it (`3.amount` in a batch) named by its label, or an unknown key by itself. */
const labelOf = (key: string) => {
  const bare = key.replace(/^\d+\./, "");
  return Object.hasOwn(LABELS, bare) ? LABELS[bare] : bare;
};

/** A refusal: a 4xx with a readable message, each field error naming its field. */
function expectRefused(res: ApiResponse, statuses: number[]): void {
  expect(statuses, JSON.stringify(res.body)).toContain(res.status);
  expectReadable(res.body.error.message);
  expectFieldMessagesNamed(res.body.error.fields, labelOf);
}

const word = fc.stringMatching(/^[a-z]{1,12}$/);
/** A value each field takes. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.string({ minLength: 1, maxLength: 200 }).filter((text) => text.trim() !== ""),
  amount: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer().map(String), fc.constant(null)),
  due: fc.date({ min: new Date("1900-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  stage: fc.constantFrom(...STAGES, null),
  contact: fc.oneof(fc.tuple(word, word).map(([user, host]) => `${user}@${host}.example`), fc.constant(null)),
  urgent: fc.boolean(),
};
const validItem = fc.record(VALID, { requiredKeys: ["name"] });

/** A value of the wrong type (or shape) for each kind of field. */
const shapes = fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }));
const WRONG: Record<Kind, fc.Arbitrary<unknown>> = {
  text: fc.oneof(nonTextJson(), textOfLength(10_001, 50_000)),
  number: fc.oneof(fc.boolean(), shapes, fc.string().map((text) => `${text}x`), fc.constant("1e999")),
  date: fc.oneof(fc.integer(), fc.boolean(), shapes, fc.string().map((text) => `${text}x`), fc.constantFrom("2025-02-30", "2025-13-01", "31/01/2025")),
  select: fc.oneof(fc.integer(), fc.boolean(), shapes, fc.string().filter((text) => text.trim() !== "" && !STAGES.includes(text.trim()))),
  email: fc.oneof(fc.integer(), fc.boolean(), shapes, fc.string().map((text) => `${text.replaceAll("@", "")}x`)),
  checkbox: fc.oneof(fc.integer(), fc.string(), shapes),
};
const wrongField = fc.constantFrom(...Object.keys(KIND_OF)).chain((key) => fc.record({ key: fc.constant(key), value: WRONG[KIND_OF[key]] }));

/** Objects mixing the board's keys, unknown ones and JavaScript's own with any JSON values. */
const itemLike = fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(LABELS), ...OBJECT_KEYS), fc.string()), fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyText()), { maxKeys: 8 });

describe("items POSTed with random bodies", () => {
  it.prop([fc.oneof(fc.jsonValue(), itemLike, validItem, fc.array(fc.oneof(itemLike, validItem), { maxLength: 6 }))], { numRuns: 60 })(
    "creates exactly the items it answers with, or refuses with a 400 naming the field and writes nothing",
    async (body) => {
      const before = writes();
      const res = await client().post(itemsPath(), body);
      if (res.status !== 201) {
        expectRefused(res, [400]);
        expect(writes()).toEqual(before);
        return;
      }
      const created = Array.isArray(body) ? res.body.data : [res.body];
      expect(created).toHaveLength(Array.isArray(body) ? body.length : 1);
      expect(writes()).toEqual({ items: before.items + created.length, changes: before.changes + created.length });
      for (const item of created) expect(storedValues(item.id)).toEqual(item.values);
    },
    60_000,
  );

  it.prop([validItem, wrongField], { numRuns: 60 })("refuses a value of the wrong type for any field kind with a 400 naming that field", async (item, wrong) => {
    const before = writes();
    const res = await client().post(itemsPath(), { ...item, [wrong.key]: wrong.value });
    expectRefused(res, [400]);
    expect(res.body.error.fields).toHaveProperty([wrong.key]);
    expect(res.body.error.message).toContain(LABELS[wrong.key]);
    expect(writes()).toEqual(before);
  }, 60_000);

  const unknownKey = fc.oneof(fc.constantFrom(...OBJECT_KEYS), fc.string()).filter((key) => !Object.hasOwn(LABELS, key));

  it.prop([validItem, unknownKey, fc.jsonValue()], { numRuns: 40 })("refuses a field the board does not have, naming it", async (item, key, value) => {
    const before = writes();
    // Spelled out as JSON text: an object literal would take `__proto__` as its prototype.
    const text = `${JSON.stringify(item).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`;
    const res = await client().send("POST", itemsPath(), { raw: text });
    expectRefused(res, [400]);
    expect(res.body.error.fields).toHaveProperty([key], `The board has no field "${key}".`);
    expect(writes()).toEqual(before);
  });

  it.prop([fc.array(validItem, { minLength: 1, maxLength: 30 }), validItem, wrongField, fc.nat()], { numRuns: 30 })(
    "refuses a whole batch when one item is wrong, naming the item and the field",
    async (batch, item, wrong, at) => {
      const index = at % (batch.length + 1);
      const body = [...batch.slice(0, index), { ...item, [wrong.key]: wrong.value }, ...batch.slice(index)];
      const before = writes();
      const res = await client().post(itemsPath(), body);
      expectRefused(res, [400]);
      expect(res.body.error.fields).toHaveProperty([`${index}.${wrong.key}`]);
      expect(res.body.error.message).toMatch(new RegExp(`^Item ${index + 1}: `));
      expect(writes()).toEqual(before);
    },
    60_000,
  );

  it.prop([fc.array(validItem, { minLength: 1, maxLength: 100 })], { numRuns: 15 })("creates a valid batch whole, each item as it answers", async (batch) => {
    const before = writes();
    const res = await client().post(itemsPath(), batch);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.map((item: { values: { name: string } }) => item.values.name)).toEqual(batch.map((item) => item.name));
    expect(writes()).toEqual({ items: before.items + batch.length, changes: before.changes + batch.length });
    for (const item of res.body.data) expect(storedValues(item.id)).toEqual(item.values);
  }, 60_000);
});

describe("items PATCHed with random bodies", () => {
  it.prop([fc.oneof(fc.jsonValue(), itemLike, validItem, wrongField.map(({ key, value }) => ({ [key]: value })))], { numRuns: 60 })(
    "changes only the fields sent, or refuses naming the field and leaves the item as it was",
    async (patch) => {
      const [item] = createItems(acme.admin, acme.prod, acme.board.id, [{ name: "Before", amount: 1, stage: "New" }]);
      const before = writes();
      const res = await client().patch(`${acme.prodId}/items/${item.id}`, patch);
      if (res.status !== 200) {
        expectRefused(res, [400]);
        expect(storedValues(item.id)).toEqual(item.values);
        expect(writes()).toEqual(before);
        return;
      }
      expect(storedValues(item.id)).toEqual(res.body.values);
      for (const key of Object.keys(LABELS)) {
        if (!Object.hasOwn(patch as object, key)) expect(res.body.values[key], key).toEqual(item.values[key]);
      }
      expect(writes()).toEqual({ ...before, changes: before.changes + 1 });
    },
    60_000,
  );
});

describe("item bodies that cannot be read", () => {
  it.prop([malformedJson()], { numRuns: 40 })("refuses malformed JSON text with a 400 that says so", async (text) => {
    const before = writes();
    const res = await client().send("POST", itemsPath(), { raw: text });
    expectRefused(res, [400]);
    expect(res.body.error.message).toMatch(/not valid JSON|is empty/);
    expect(writes()).toEqual(before);
  });

  it.prop([notUtf8()], { numRuns: 20 })("refuses bytes that are not UTF-8 with a 400 that says so", async (bytes) => {
    const before = writes();
    const res = await client().send("POST", itemsPath(), { raw: bytes });
    expectRefused(res, [400]);
    expect(res.body.error.message).toMatch(/UTF-8/);
    expect(writes()).toEqual(before);
  });

  const token = fc.stringMatching(/^[a-z][a-z0-9.+-]{0,15}$/);
  const notJsonType = fc.oneof(
    fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json", "application/jsonp", "json", "*/*"),
    fc.tuple(token, token).map(([type, subtype]) => `${type}/${subtype}x`),
  );

  it.prop([notJsonType, validItem], { numRuns: 30 })("refuses a body sent with another Content-Type, naming the header to send", async (type, item) => {
    const before = writes();
    const res = await client().send("POST", itemsPath(), { raw: JSON.stringify(item), headers: { "Content-Type": type } });
    expectRefused(res, [400]);
    expect(res.body.error.message).toContain("Content-Type: application/json");
    expect(writes()).toEqual(before);
  });

  it.prop([fc.constantFrom(...Object.keys(LABELS)), fc.integer({ min: 1, max: 100_000 })], { numRuns: 20 })(
    "refuses values nested deep with a 400 naming the field, or the depth past the limit",
    async (key, depth) => {
      const before = writes();
      const nested = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      const res = await client().send("POST", itemsPath(), { raw: `{"name": "Deep", "${key}": ${nested}}` });
      expectRefused(res, [400]);
      // The body's own braces are one level.
      if (depth + 1 <= MAX_JSON_DEPTH) expect(res.body.error.fields).toHaveProperty([key]);
      else expect(res.body.error.message).toContain(`more than ${MAX_JSON_DEPTH} levels deep`);
      expect(writes()).toEqual(before);
    },
  );
});

describe("item bodies over 1 MiB", () => {
  const oversized = fc.oneof(
    textOfLength(MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 300_000).map((name) => JSON.stringify({ name })),
    fc.integer({ min: 80_000, max: 150_000 }).map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ name: `n${i}` })))),
    fc.integer({ min: MAX_BODY_BYTES / 2 + 1, max: MAX_BODY_BYTES }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  ).filter((text) => Buffer.byteLength(text) > MAX_BODY_BYTES);

  it.prop([oversized, fc.boolean(), fc.constantFrom("POST", "PATCH")], { numRuns: 6 })(
    "refuses them with a 413, with or without Content-Length, and writes nothing",
    async (text, streamed, method) => {
      const [kept] = createItems(acme.admin, acme.prod, acme.board.id, [{ name: "Kept" }]);
      const before = writes();
      const path = method === "POST" ? itemsPath() : `${acme.prodId}/items/${kept.id}`;
      // A stream goes chunked, without Content-Length: the server counts while reading.
      const res = await client().send(method, path, { raw: streamed ? new Blob([text]).stream() : text });
      expectRefused(res, [413]);
      expect(res.body.error.message).toContain("1 MiB");
      expect(writes()).toEqual(before);
      expect(storedValues(kept.id)).toEqual(kept.values);
      // The refused upload leaves no half-read connection behind for the client's next request.
      expect((await client().get(`${acme.prodId}/items/${kept.id}`)).status).toBe(200);
    },
    60_000,
  );
});
