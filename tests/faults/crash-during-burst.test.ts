import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, runs } from "@/db/schema";
import { createApp } from "@/lib/apps/apps";
import { addField, createBoard } from "@/lib/boards/boards";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { listProductionIntegrations } from "@/lib/integrations/production-integrations";
import { turnOn } from "@/lib/integrations/production-switch";
import { appRunScope, appRunsThisMonth } from "@/lib/runs/history";
import { api, keyFor } from "../support/api";
import { newAccount } from "../support/fixtures";
import { ownInstance, startServer, type TestServer } from "../support/server";
import { eventually, runsOf, stepsOf } from "../engine/support";

// The real server killed with SIGKILL in the middle of a burst of 5,000 Orders posted over the
// REST API, while the runs they queued are executing, then started again over the same data
// folder. The integration (On in Production) creates a Shipment carrying the Order's item ID
// through Kissflow › Create item (the server's own REST API with a Production access key), then
// waits a moment for the carrier: at any instant many runs have made their Shipment but are not
// recorded yet, so the crash surely lands there, and their retried step must not make a second.
const INSTANCE = ownInstance(3556);
const SERVER_ENV = {
  ...INSTANCE.env,
  ALLOW_PRIVATE_NETWORK: "true",
  RUN_CONCURRENCY: "100",
  RUN_LEASE_SECONDS: "5",
  RUN_POLL_MS: "100",
  // The senders and the integration's own calls must not be slowed by the per-key rate limit.
  API_RATE_LIMIT_PER_SECOND: "100000",
  API_RATE_LIMIT_BURST: "100000",
};
const BATCHES = 50;
const BATCH_SIZE = 100;
const SENDERS = 4;
const KILL_AFTER_BATCHES = 10;

let server: TestServer;

beforeAll(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  server = await startServer({ port: INSTANCE.port, env: SERVER_ENV });
});

afterAll(async () => {
  await server?.stop();
});

/** The app "Shop" with its boards Orders and Shipments, and "Ship new orders" deployed and On. */
async function shop() {
  const { admin, accountId } = await newAccount("Shop");
  const app = createApp(admin, { name: "Shop" });
  const orders = createBoard(admin, app.id, { name: "Orders" });
  addField(admin, orders.id, { label: "Name", type: "text", required: true });
  const shipments = createBoard(admin, app.id, { name: "Shipments" });
  addField(admin, shipments.id, { label: "Order", type: "text", required: true });
  const kissflow = createConnection(admin, { name: "Kissflow", connectorKey: "kissflow", environment: "development" });
  const integration = createIntegration(admin, app.id, { name: "Ship new orders" });
  saveDefinition(admin, integration.id, {
    trigger: { connectorKey: "kissflow", triggerKey: "new_item", connectionId: kissflow.id, options: { boardId: orders.id } },
    steps: [
      { id: "ship", name: "Create shipment", connectorKey: "kissflow", actionKey: "create_item", connectionId: kissflow.id, input: { boardId: shipments.id, values: '{"order": "{{trigger.id}}"}' } },
      { id: "carrier", name: "Wait for the carrier", connectorKey: "utilities", actionKey: "delay", connectionId: null, input: { seconds: "0.2" } },
    ],
  });
  deploy(admin, app.id);
  const [production] = goLiveChecklist(admin, app.id).connections;
  const key = keyFor(admin, "production");
  const { test } = await authenticateConnection(admin, production.id, { accountId, accountDomain: INSTANCE.domain, accessKeyId: key.id, accessKeySecret: key.secret });
  expect(test.status).toBe("connected");
  turnOn(admin, integration.id);
  return { admin, accountId, app, orders, shipments, integration, prod: environmentOf(accountId, "production"), senderKey: keyFor(admin, "production") };
}

type Shop = Awaited<ReturnType<typeof shop>>;

function itemsOf(s: Shop, boardId: string) {
  return getDb()
    .select({ id: items.id, values: items.values })
    .from(items)
    .where(and(eq(items.boardId, boardId), eq(items.environmentId, s.prod.id)))
    .all();
}

/** Runs of the integration still to finish: queued (retries too) or running. */
function unfinishedRuns(s: Shop): number {
  return getDb().select({ n: count() }).from(runs).where(and(eq(runs.integrationId, s.integration.id), inArray(runs.status, ["queued", "running"]))).get()!.n;
}

const orderOf = (triggerData: unknown) => (triggerData as { id: string }).id;

/**
 * Posts the Orders in batches from several senders. A batch whose request fails (the server is
 * down) is sent again with the same Idempotency-Key until it is accepted, so none is written twice.
 */
function sendOrders(s: Shop) {
  const client = api(server.url, s.senderKey);
  const progress = { accepted: 0, unexpected: [] as string[] };
  let next = 0;
  const sendBatch = async (batch: number) => {
    const orders = Array.from({ length: BATCH_SIZE }, (_, i) => ({ name: `Order ${batch * BATCH_SIZE + i + 1}` }));
    for (;;) {
      const response = await client.post(`${s.accountId}/boards/${s.orders.id}/items`, orders, { "Idempotency-Key": `orders-${batch}` }).catch(() => null);
      if (response?.status === 201) {
        progress.accepted += 1;
        return;
      }
      if (response) progress.unexpected.push(`${response.status} ${JSON.stringify(response.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const done = Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let batch = next++; batch < BATCHES; batch = next++) await sendBatch(batch);
    }),
  );
  return { progress, done };
}

it("gives every Order accepted around a SIGKILL exactly one run, and every run exactly one Shipment", async () => {
  const s = await shop();
  const { progress, done } = sendOrders(s);

  await eventually(() => {
    expect(progress.accepted).toBeGreaterThanOrEqual(KILL_AFTER_BATCHES);
    expect(itemsOf(s, s.shipments.id).length).toBeGreaterThan(0);
  }, 30_000);
  await server.kill();

  // What the crash interrupted: Orders still being sent, and runs executing, some already shipped.
  expect(progress.accepted).toBeLessThan(BATCHES);
  const shippedAtCrash = new Set(itemsOf(s, s.shipments.id).map((item) => item.values.order));
  const interrupted = getDb().select().from(runs).where(and(eq(runs.integrationId, s.integration.id), eq(runs.status, "running"))).all();
  expect(interrupted.filter((run) => shippedAtCrash.has(orderOf(run.triggerData))).length).toBeGreaterThan(0);

  server = await startServer({ port: INSTANCE.port, env: SERVER_ENV });
  await done;
  // A bound for a loaded machine: alone on two cores the queue drains in well under a minute.
  await eventually(() => expect(unfinishedRuns(s)).toBe(0), 240_000);

  expect(progress).toMatchObject({ accepted: BATCHES, unexpected: [] });
  const orderIds = itemsOf(s, s.orders.id).map((item) => item.id);
  expect(orderIds).toHaveLength(BATCHES * BATCH_SIZE);

  // Every Order has exactly one run, and it succeeded: nothing is left queued or running.
  const finished = runsOf(s.integration.id);
  expect(finished).toHaveLength(orderIds.length);
  expect(finished.filter((run) => run.status !== "succeeded")).toEqual([]);
  expect(new Set(finished.map((run) => orderOf(run.triggerData)))).toEqual(new Set(orderIds));

  // Every Order has exactly one Shipment, also those whose run was executed again after the crash.
  const shipments = itemsOf(s, s.shipments.id);
  expect(shipments).toHaveLength(orderIds.length);
  const shipmentOfOrder = new Map(shipments.map((item) => [item.values.order, item.id]));
  expect(new Set(shipmentOfOrder.keys())).toEqual(new Set(orderIds));
  const byId = new Map(finished.map((run) => [run.id, run]));
  for (const before of interrupted) {
    const after = byId.get(before.id)!;
    expect(after.attempts).toBeGreaterThan(before.attempts);
    // Its step answered with the Order's one Shipment: for a run that had shipped before the
    // crash, the one its first attempt made, replayed for the same idempotency key `<runId>:ship`.
    const ship = stepsOf(after.id).find((step) => step.stepId === "ship");
    expect((ship?.output as { id: string }).id).toBe(shipmentOfOrder.get(orderOf(after.triggerData)));
  }

  // Runs this month are counted once each, for the app and for the integration.
  expect(appRunsThisMonth(appRunScope(s.admin, "production", s.app.id))).toBe(finished.length);
  expect(listProductionIntegrations(s.admin, s.app.id).find((row) => row.id === s.integration.id)?.runsThisMonth).toBe(finished.length);
}, 300_000);
