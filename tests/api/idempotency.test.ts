import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { IDEMPOTENCY_RETENTION_MS } from "@/lib/api/idempotency";
import { api, apiAccount, countItems } from "../support/api";
import { startServer, type TestServer } from "../support/server";

const PORT = 3304;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

async function setup() {
  const a = await apiAccount();
  const client = api(server.url, a.prodKey);
  const path = `${a.prodId}/boards/${a.board.id}/items`;
  return { a, client, path, count: () => countItems(a.board.id, a.prod.id) };
}

describe("REST API Idempotency-Key", () => {
  it("replays the first response to a retried request and creates the item only once", async () => {
    const { client, path, count } = await setup();
    const headers = { "Idempotency-Key": "run_1:step_create" };
    const first = await client.post(path, { name: "Once" }, headers);
    const retry = await client.post(path, { name: "Once" }, headers);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(count()).toBe(1);
  });

  it("replays a batch too, and treats whitespace-only differences as the same request", async () => {
    const { client, path, count } = await setup();
    const headers = { "Idempotency-Key": "batch-7" };
    const first = await client.post(path, [{ name: "A" }, { name: "B" }], headers);
    const retry = await client.send("POST", path, { raw: '[ {"name": "A"},\n {"name": "B"} ]', headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(count()).toBe(2);
  });

  it("creates one item when the same request is sent many times at once", async () => {
    const { client, path, count } = await setup();
    const headers = { "Idempotency-Key": "racing" };
    const responses = await Promise.all(Array.from({ length: 8 }, () => client.post(path, { name: "Race" }, headers)));
    expect(responses.map((res) => res.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((res) => res.body.id)).size).toBe(1);
    expect(responses.filter((res) => res.headers.get("idempotent-replayed") === "true")).toHaveLength(7);
    expect(count()).toBe(1);
  });

  it("answers 409 when the same key comes with a different body, and writes nothing", async () => {
    const { client, path, count } = await setup();
    const headers = { "Idempotency-Key": "reused" };
    await client.post(path, { name: "First" }, headers);
    const res = await client.post(path, { name: "Second" }, headers);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.message).toMatch(/already used with a different request/);
    expect(count()).toBe(1);
  });

  it("creates separate items for different keys", async () => {
    const { client, path, count } = await setup();
    await client.post(path, { name: "Same" }, { "Idempotency-Key": "k1" });
    await client.post(path, { name: "Same" }, { "Idempotency-Key": "k2" });
    expect(count()).toBe(2);
  });

  it("keeps keys apart per environment", async () => {
    const { a, client, path } = await setup();
    const headers = { "Idempotency-Key": "shared-key" };
    await client.post(path, { name: "Prod" }, headers);
    const dev = await api(server.url, a.devKey).post(`${a.devId}/boards/${a.board.id}/items`, { name: "Dev" }, headers);
    expect(dev.status).toBe(201);
    expect(dev.headers.get("idempotent-replayed")).toBeNull();
    expect(countItems(a.board.id, a.dev.id)).toBe(1);
  });

  it("remembers nothing for a refused request, so it can be corrected and sent again with its key", async () => {
    const { client, path, count } = await setup();
    const headers = { "Idempotency-Key": "fix-me" };
    expect((await client.post(path, { amount: 1 }, headers)).status).toBe(400);
    const fixed = await client.post(path, { name: "Fixed", amount: 1 }, headers);
    expect(fixed.status).toBe(201);
    expect(count()).toBe(1);
  });

  it("refuses an empty key or one longer than 200 characters with a 400", async () => {
    const { client, path, count } = await setup();
    for (const key of [" ", "k".repeat(201)]) {
      const res = await client.post(path, { name: "x" }, { "Idempotency-Key": key });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe("The Idempotency-Key header must be 1 to 200 characters.");
    }
    expect((await client.post(path, { name: "x" }, { "Idempotency-Key": "k".repeat(200) })).status).toBe(201);
    expect(count()).toBe(1);
  });

  it("treats a key older than 24 hours as new", async () => {
    const { a, client, path, count } = await setup();
    const expiredAt = Date.now() - IDEMPOTENCY_RETENTION_MS - 60_000;
    getDb()
      .insert(idempotencyKeys)
      .values({ environmentId: a.prod.id, key: "old", requestHash: "another request", status: 201, response: "{}", createdAt: expiredAt })
      .run();
    const res = await client.post(path, { name: "Fresh" }, { "Idempotency-Key": "old" });
    expect(res.status).toBe(201);
    expect(res.body.values.name).toBe("Fresh");
    expect(count()).toBe(1);
  });

  it("deletes expired keys a bounded batch at a time as new keys arrive", async () => {
    const { a, client, path } = await setup();
    const expiredAt = Date.now() - IDEMPOTENCY_RETENTION_MS - 60_000;
    getDb()
      .insert(idempotencyKeys)
      .values(Array.from({ length: 150 }, (_, i) => ({ environmentId: a.prod.id, key: `stale-${i}`, requestHash: "h", status: 201, response: "{}", createdAt: expiredAt - i })))
      .run();
    const expired = () =>
      getDb()
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.environmentId, a.prod.id), lt(idempotencyKeys.createdAt, Date.now() - IDEMPOTENCY_RETENTION_MS)))
        .all().length;
    await client.post(path, { name: "one" }, { "Idempotency-Key": "new-1" });
    expect(expired()).toBe(50);
    await client.post(path, { name: "two" }, { "Idempotency-Key": "new-2" });
    expect(expired()).toBe(0);
  });
});
