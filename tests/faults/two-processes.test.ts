import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { databasePath, getDb } from "@/db/client";
import { monthOf } from "@/db/queries/runs";
import { runCounters, runs } from "@/db/schema";
import { environmentOf } from "@/lib/environments";
import { webhookToken } from "@/lib/webhooks/token";
import { api, countItems, keyFor, type AccessKeyPair, type ApiResponse } from "../support/api";
import { postStep, startRemote, type Remote } from "../support/remote";
import { startServer, testPort, type TestServer } from "../support/server";
import { integrationAccount, kissflowTrigger, type IntegrationAccount } from "../integrations/support";
import { webhookTrigger } from "../triggers/support";
import { eventually, onIntegration } from "../engine/support";

// One database file opened by two server processes at once, both taking item writes and webhooks
// and both executing runs. One server serves one data folder (a second start there is refused:
// tests/operations/start-refusals.test.ts), so the second has a folder of its own, the same keys,
// DATABASE_PATH pointing at the first one's database and no scheduler, as lib/scheduler/README.md
// says to run a second process. Then a third process (this test's own connection) holds the write
// lock for seconds while the servers are written to. SQLite serialises the writers: requests wait
// for the lock instead of failing, and the engines' leases keep any run from being executed twice.
const SERVER_ENV = { ALLOW_PRIVATE_NETWORK: "true", RUN_POLL_MS: "100", RUN_CONCURRENCY: "10" };
const REQUESTS = 40;
const PER_REQUEST = 10;
const LOCK_HELD_MS = 3000;

let servers: TestServer[];
let remote: Remote;
let a: IntegrationAccount;
let itemsIntegration: string;
let hooksIntegration: string;
let key: AccessKeyPair;

beforeAll(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  remote = await startRemote(testPort(3553));
  // Runs stay running a moment, long enough to see which engine holds each.
  remote.answer = (_req, res) => setTimeout(() => res.end("{}"), 20);
  a = await integrationAccount();
  key = keyFor(a.admin, "development");
  itemsIntegration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [postStep(`${remote.url}/orders`, '{"order": "{{trigger.id}}"}')] }).id;
  hooksIntegration = onIntegration(a.admin, a.app.id, { trigger: webhookTrigger(), steps: [postStep(`${remote.url}/hooks`, '{"hook": "{{trigger.body.n}}"}')] }).id;
  const first = await startServer({ port: 3557, env: SERVER_ENV });
  const { nextAuthSecret, encryptionKey } = JSON.parse(fs.readFileSync(path.join(process.env.DATA_DIR!, "secrets.json"), "utf8")) as Record<string, string>;
  const sameDatabase = { DATABASE_PATH: databasePath(), APP_ENCRYPTION_KEY: encryptionKey, NEXTAUTH_SECRET: nextAuthSecret, SCHEDULER_ENABLED: "false" };
  const second = await startServer({ port: 3558, dataDir: path.join(process.env.DATA_DIR!, "second"), env: { ...SERVER_ENV, ...sameDatabase } });
  servers = [first, second];
});

afterAll(async () => {
  await Promise.all([...(servers ?? []).map((server) => server.stop()), remote?.stop()]);
});

/** Orders and webhook bodies sent to both servers in turn, all at once; the answers in order. */
function writeToBoth(round: string): Promise<ApiResponse[]> {
  return Promise.all(
    Array.from({ length: REQUESTS }, async (_, request) => {
      const server = servers[request % servers.length];
      const values = Array.from({ length: PER_REQUEST }, (_, i) => `${round}-${request}-${i}`);
      if (request % 4 < 2) return api(server.url, key).post(`${a.accountId}-dev/boards/${a.orders.id}/items`, values.map((name) => ({ name })));
      const response = await fetch(`${server.url}/api/hooks/${webhookToken(hooksIntegration, "development")}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(values.map((n) => ({ n }))),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    }),
  );
}

/** The answers that were not a 2xx, as status and body: a 500 or SQLITE_BUSY would show here. */
const refusals = (answers: ApiResponse[]) => answers.filter((answer) => answer.status >= 300).map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`);

const runsWhere = (...conditions: Parameters<typeof and>) => getDb().select({ n: count() }).from(runs).where(and(...conditions)).get()!.n;

/** Waits until both integrations' runs have all finished, noting which engines held them meanwhile. */
async function drained(): Promise<Set<string>> {
  const owners = new Set<string>();
  const ours = inArray(runs.integrationId, [itemsIntegration, hooksIntegration]);
  await eventually(() => {
    for (const { owner } of getDb().selectDistinct({ owner: runs.leaseOwner }).from(runs).where(and(ours, isNotNull(runs.leaseOwner))).all()) owners.add(owner!);
    expect(runsWhere(ours, inArray(runs.status, ["queued", "running"]))).toBe(0);
  }, 60_000);
  return owners;
}

function counter(scope: "app" | "integration", scopeId: string): number {
  const row = getDb()
    .select({ runs: runCounters.runs })
    .from(runCounters)
    .where(and(eq(runCounters.scope, scope), eq(runCounters.scopeId, scopeId), eq(runCounters.month, monthOf(Date.now()))))
    .get();
  return row?.runs ?? 0;
}

/** Every Order and every webhook body sent so far made one run, executed once, and was counted once. */
function expectEachExecutedOnce(orders: number, hooks: number): void {
  expect(countItems(a.orders.id, environmentOf(a.accountId, "development").id)).toBe(orders);
  expect(runsWhere(eq(runs.integrationId, itemsIntegration))).toBe(orders);
  expect(runsWhere(eq(runs.integrationId, hooksIntegration))).toBe(hooks);
  const ours = inArray(runs.integrationId, [itemsIntegration, hooksIntegration]);
  expect(runsWhere(ours, eq(runs.status, "succeeded"), eq(runs.attempts, 1))).toBe(orders + hooks);
  const received = remote.requests.map((request) => request.body);
  expect(received).toHaveLength(orders + hooks);
  expect(new Set(received).size).toBe(orders + hooks);
  expect(counter("integration", itemsIntegration)).toBe(orders);
  expect(counter("integration", hooksIntegration)).toBe(hooks);
  expect(counter("app", a.app.id)).toBe(orders + hooks);
}

const WRITES = REQUESTS * PER_REQUEST;

describe("one database opened by two server processes", () => {
  it("takes every item and webhook sent to either at once, and executes each run once", async () => {
    const answers = await writeToBoth("both");
    expect(refusals(answers)).toEqual([]);
    const owners = await drained();
    // Both engines executed runs, and none executed a run the other had.
    expect(owners.size).toBe(2);
    expectEachExecutedOnce(WRITES / 2, WRITES / 2);
  });

  it("waits for a third process holding the write lock, then takes every write", async () => {
    const third = new Database(databasePath());
    third.exec("BEGIN IMMEDIATE");
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        third.exec("COMMIT");
        third.close();
        resolve();
      }, LOCK_HELD_MS),
    );
    const answers = await writeToBoth("locked");
    await released;
    expect(refusals(answers)).toEqual([]);
    await drained();
    expectEachExecutedOnce(WRITES, WRITES);
  });
});
