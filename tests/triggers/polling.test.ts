// "New items at a URL (polling)" driven by the scheduler's poll sweep against a real loopback
// HTTP server: the first poll records, later polls start one run per new element, errors are
// recorded and shown, and changed options start afresh.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findTriggerPoll } from "@/db/queries/triggers";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { MAX_ITEMS_PER_POLL, MAX_SEEN_KEYS, newItems } from "@/lib/connectors/http/poll-new-items";
import { environmentOf } from "@/lib/environments";
import { developmentRunStatus, turnOnDevelopment } from "@/lib/integrations/development-switch";
import { getIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { pollDueTriggers } from "@/lib/scheduler/polling";
import { newAccount, newBoard } from "../support/fixtures";
import { testPort } from "../support/server";
import { integrationWith, pollTrigger, runsOf } from "./support";

const PORT = testPort(3590);
const BASE = `http://127.0.0.1:${PORT}`;
const MINUTE = 60_000;
let orders: { id: number; title: string }[] = [];
let wrapped: { uid: string; title: string }[] = [];
let down = false;
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url!, BASE).pathname;
    const json = (body: unknown) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (down) return res.writeHead(503, { "Content-Type": "application/json" }).end('{"error":{"message":"Down for maintenance"}}');
    if (path === "/orders") return json(orders);
    if (path === "/wrapped") return req.headers.authorization === "Bearer poll-token" ? json({ data: { items: wrapped } }) : res.writeHead(401).end("who are you");
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let admin: Actor;
let appId: string;
let dev: string;
let now: number;

beforeEach(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  ({ admin } = await newAccount());
  appId = newBoard(admin).app.id;
  dev = environmentOf(admin.accountId, "development").id;
  orders = [{ id: 1, title: "Old order" }];
  wrapped = [];
  down = false;
  now = Date.now();
});

/** Polls what is due `minutes` later than the last sweep of the test. */
async function sweep(minutes: number) {
  now += minutes * MINUTE;
  return pollDueTriggers(now);
}

function polling(options: Record<string, string | number>, connectionId: string | null = null) {
  const integration = integrationWith(admin, appId, "New orders", { trigger: pollTrigger(options, connectionId), steps: [] });
  turnOnDevelopment(admin, integration.id);
  return integration.id;
}

describe("a polling trigger", () => {
  it("records what exists on its first poll, then starts one run per element not seen before", async () => {
    const id = polling({ url: `${BASE}/orders`, intervalMinutes: 5 });
    await sweep(0);
    expect(runsOf(id, dev)).toEqual([]);
    expect(findTriggerPoll(id, dev)).toMatchObject({ lastError: null, cursor: JSON.stringify({ seen: ["1"] }) });

    orders = [...orders, { id: 2, title: "Second" }, { id: 3, title: "Third" }];
    await sweep(5);
    expect(runsOf(id, dev).map((run) => [run.source, run.triggerData])).toEqual([
      ["poll", { item: { id: 2, title: "Second" }, key: "2", polledAt: expect.any(String) }],
      ["poll", { item: { id: 3, title: "Third" }, key: "3", polledAt: expect.any(String) }],
    ]);

    await sweep(5);
    expect(runsOf(id, dev)).toHaveLength(2);
  });

  it("waits for its interval between polls", async () => {
    const id = polling({ url: `${BASE}/orders`, intervalMinutes: 10 });
    await sweep(0);
    const first = findTriggerPoll(id, dev)!.lastPolledAt;
    orders = [...orders, { id: 2, title: "Second" }];
    await sweep(5);
    expect(findTriggerPoll(id, dev)!.lastPolledAt).toBe(first);
    expect(runsOf(id, dev)).toEqual([]);
    await sweep(5);
    expect(runsOf(id, dev)).toHaveLength(1);
  });

  it("reads the array at its path with the connection's credentials, one run per key", async () => {
    const connection = createConnection(admin, { name: "Shop API", connectorKey: "http", environment: "development" });
    await authenticateConnection(admin, connection.id, { authType: "bearer", token: "poll-token" });
    const id = polling({ url: `${BASE}/wrapped`, itemsPath: "data.items", keyField: "uid", intervalMinutes: 1 }, connection.id);
    await sweep(0);
    wrapped = [
      { uid: "a", title: "A" },
      { uid: "a", title: "A again, same key" },
      { uid: "b", title: "B" },
    ];
    await sweep(1);
    expect(runsOf(id, dev).map((run) => (run.triggerData as { key: string }).key)).toEqual(["a", "b"]);
  });

  it("records a failed poll's error where the integration is listed, keeps its cursor, and clears the error on the next good poll", async () => {
    const id = polling({ url: `${BASE}/orders`, intervalMinutes: 1 });
    await sweep(0);
    const cursor = findTriggerPoll(id, dev)!.cursor;
    down = true;
    orders = [...orders, { id: 2, title: "While it was down" }];
    await sweep(1);
    const message = `GET 127.0.0.1:${PORT} answered 503 Service Unavailable: Down for maintenance`;
    expect(findTriggerPoll(id, dev)).toMatchObject({ cursor, lastError: message });
    expect(developmentRunStatus(admin, getIntegration(admin, id)).lastPollError).toEqual({ message, at: now });

    down = false;
    await sweep(1);
    expect(runsOf(id, dev).map((run) => (run.triggerData as { key: string }).key)).toEqual(["2"]);
    expect(developmentRunStatus(admin, getIntegration(admin, id)).lastPollError).toBeNull();
  });

  it("starts afresh when its options change: the first poll under new options starts no run", async () => {
    const id = polling({ url: `${BASE}/orders`, intervalMinutes: 1 });
    await sweep(0);
    orders = [...orders, { id: 2, title: "Second" }];
    saveDefinition(admin, id, { trigger: pollTrigger({ url: `${BASE}/orders`, keyField: "title", intervalMinutes: 1 }), steps: [] });
    await sweep(0);
    expect(runsOf(id, dev)).toEqual([]);
    expect(findTriggerPoll(id, dev)!.cursor).toBe(JSON.stringify({ seen: ["Old order", "Second"] }));
  });
});

describe("the seen keys of a polling trigger", () => {
  const list = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: from + i }));

  it(`take at most ${MAX_ITEMS_PER_POLL} new items a poll and leave the rest for the next`, () => {
    const first = newItems(list(0, 1), "id", null);
    const second = newItems(list(0, MAX_ITEMS_PER_POLL + 11), "id", first.cursor);
    expect(second.fresh).toHaveLength(MAX_ITEMS_PER_POLL);
    expect(newItems(list(0, MAX_ITEMS_PER_POLL + 11), "id", second.cursor).fresh.map((f) => f.key)).toEqual(list(MAX_ITEMS_PER_POLL + 1, MAX_ITEMS_PER_POLL + 11).map((i) => String(i.id)));
  });

  it(`remember at most ${MAX_SEEN_KEYS} keys, but always every key of the latest answer`, () => {
    let cursor = newItems([], "id", null).cursor;
    for (let start = 0; start < MAX_SEEN_KEYS * 2; start += MAX_ITEMS_PER_POLL) cursor = newItems(list(start, start + MAX_ITEMS_PER_POLL), "id", cursor).cursor;
    const seen = (JSON.parse(cursor) as { seen: string[] }).seen;
    expect(seen).toHaveLength(MAX_SEEN_KEYS);
    expect(seen.at(-1)).toBe(String(MAX_SEEN_KEYS * 2 - 1));
    const huge = newItems(list(0, MAX_SEEN_KEYS + 5), "id", null).cursor;
    expect((JSON.parse(huge) as { seen: string[] }).seen).toHaveLength(MAX_SEEN_KEYS + 5);
  });
});
