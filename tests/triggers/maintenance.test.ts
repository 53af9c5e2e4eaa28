// The scheduler's upkeep jobs: retention of old runs in small batches, and the periodic test of
// every authenticated connection (against a real loopback HTTP server).
import http from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { claimRuns, recordOutcomes } from "@/db/queries/runs";
import { connections, runCounters, runs, runSteps } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { testConnectionsDue } from "@/lib/connections/health-check";
import { markReauthenticationRequired } from "@/lib/connections/mark-reauthentication-required";
import { environmentOf } from "@/lib/environments";
import { turnOnDevelopment } from "@/lib/integrations/development-switch";
import { pruneOldRuns } from "@/lib/scheduler/retention";
import { receiveWebhook, webhookTarget } from "@/lib/webhooks/receive-webhook";
import { webhookToken } from "@/lib/webhooks/token";
import { newAccount, newBoard } from "../support/fixtures";
import { testPort } from "../support/server";
import { integrationWith, shoutStep, webhookTrigger } from "./support";

const PORT = testPort(3591);
const BASE = `http://127.0.0.1:${PORT}`;
const DAY = 24 * 60 * 60 * 1000;
let accepting = true;
let inFlight = 0;
let mostAtOnce = 0;
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    // Answers a little later, so tests running at once overlap here.
    setTimeout(() => {
      inFlight -= 1;
      if (accepting && req.headers.authorization === "Bearer good") res.writeHead(200).end("{}");
      else res.writeHead(401).end("no");
    }, 30);
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let admin: Actor;

beforeEach(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  ({ admin } = await newAccount());
  accepting = true;
  mostAtOnce = 0;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("retention", () => {
  /** Webhook runs of one integration, finished with one step each, made at the (possibly faked) current time. */
  function finishedRuns(token: string, count: number): number[] {
    const ids = receiveWebhook({ target: webhookTarget(token), body: Buffer.from(JSON.stringify(Array.from({ length: count }, (_, i) => ({ name: `n${i}` })))), headers: new Headers(), receivedAt: new Date() });
    const now = Date.now();
    const claimed = claimRuns("test-worker", count, now, now + 60_000);
    recordOutcomes(
      "test-worker",
      claimed.map((run) => ({
        kind: "finished" as const,
        runId: run.id,
        status: "succeeded" as const,
        error: null,
        finishedAt: now,
        steps: [{ position: 0, stepId: "shout", name: "Shout", connectorKey: "utilities", actionKey: "formatter", status: "succeeded" as const, input: {}, output: {}, error: null, attempts: 1, durationMs: 1, finishedAt: now }],
      })),
    );
    return ids;
  }

  it("deletes finished runs older than the retention, with their steps, in batches, and keeps the counters", async () => {
    const { app } = newBoard(admin);
    const hook = integrationWith(admin, app.id, "Catch orders", { trigger: webhookTrigger(), steps: [shoutStep()] });
    turnOnDevelopment(admin, hook.id);
    const token = webhookToken(hook.id, "development");

    const fortyDaysAgo = Date.now() - 40 * DAY;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(fortyDaysAgo);
    const old = finishedRuns(token, 5);
    vi.useRealTimers();
    const recent = finishedRuns(token, 2);
    // Still queued (its worker never came): retention leaves it for the engine.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(fortyDaysAgo);
    const oldQueued = receiveWebhook({ target: webhookTarget(token), body: Buffer.from("{}"), headers: new Headers(), receivedAt: new Date() });
    vi.useRealTimers();
    const counters = getDb().select().from(runCounters).all();

    const transactions = vi.spyOn(getDb(), "transaction");
    expect(await pruneOldRuns(30, Date.now(), 2)).toBe(5);
    // Batches of 2: 2, 2, then 1 (fewer than a batch: done).
    expect(transactions).toHaveBeenCalledTimes(3);
    transactions.mockRestore();

    const left = getDb().select({ id: runs.id }).from(runs).orderBy(runs.id).all().map((row) => row.id);
    expect(left).toEqual([...recent, ...oldQueued]);
    expect(getDb().select().from(runSteps).where(inArray(runSteps.runId, old)).all()).toEqual([]);
    expect(getDb().select().from(runSteps).where(inArray(runSteps.runId, recent)).all()).toHaveLength(2);
    expect(getDb().select().from(runCounters).all()).toEqual(counters);
  });
});

describe("periodic connection tests", () => {
  async function apiConnection(name: string, token = "good") {
    const connection = createConnection(admin, { name, connectorKey: "http", environment: "development" });
    await authenticateConnection(admin, connection.id, { authType: "bearer", token, testUrl: `${BASE}/me` });
    return connection.id;
  }
  const row = (id: string) => getDb().select().from(connections).where(eq(connections.id, id)).get()!;

  it("tests each authenticated connection whose last test is older than the interval, and records a failure as Test connection does", async () => {
    const healthy = await apiConnection("Shop API");
    const toReauthenticate = await apiConnection("Old API");
    markReauthenticationRequired({ environmentId: environmentOf(admin.accountId, "development").id, connectionIds: [toReauthenticate] }, "Sign in again.");
    const neverAuthenticated = createConnection(admin, { name: "New API", connectorKey: "http", environment: "development" }).id;

    // Just tested when authenticated: not due yet.
    expect((await testConnectionsDue(60 * 60_000)).tested).toBe(0);

    accepting = false;
    const report = await testConnectionsDue(60 * 60_000, Date.now() + 61 * 60_000);
    expect(report.tested).toBe(1);
    const message = `127.0.0.1:${PORT} refused these credentials (401).`;
    expect(report.failed).toEqual([{ connectionId: healthy, message }]);
    expect(row(healthy)).toMatchObject({ status: "failed", statusMessage: message, lastTestOk: false, lastTestMessage: message });
    // A person must act on these: left as they were.
    expect(row(toReauthenticate)).toMatchObject({ status: "reauthentication_required", statusMessage: "Sign in again." });
    expect(row(neverAuthenticated)).toMatchObject({ status: "reauthentication_required", lastTestedAt: null });

    accepting = true;
    await testConnectionsDue(60 * 60_000, Date.now() + 61 * 60_000);
    expect(row(healthy)).toMatchObject({ status: "connected", statusMessage: null, lastTestOk: true });
  });

  it("tests a few connections at a time, not all at once", async () => {
    for (let i = 0; i < 6; i++) await apiConnection(`API ${i}`);
    mostAtOnce = 0;
    const report = await testConnectionsDue(60 * 60_000, Date.now() + 61 * 60_000);
    expect(report.tested).toBeGreaterThanOrEqual(6);
    expect(mostAtOnce).toBe(2);
  });
});
