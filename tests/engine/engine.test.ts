import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { claimRuns, monthOf } from "@/db/queries/runs";
import { auditLog, integrations, itemChanges, items, runCounters, runs } from "@/db/schema";
import type { Engine } from "@/lib/engine/engine";
import { environmentOf } from "@/lib/environments";
import type { StepConfig } from "@/lib/integrations/definition";
import { createItems, updateItem } from "@/lib/items/items";
import { errorOf } from "../support/fixtures";
import { answerOk, postStep, startRemote, type Remote } from "../support/remote";
import { formatterStep, integrationAccount, kissflowTrigger, type IntegrationAccount } from "../integrations/support";
import { eventually, onIntegration, runsOf, startTestEngine, stepsOf } from "./support";

// The remote system of HTTP request steps, answering as each test scripts.
let remote: Remote;

let a: IntegrationAccount;
let engine: Engine | undefined;

beforeAll(async () => {
  remote = await startRemote();
  a = await integrationAccount();
});

afterAll(async () => {
  await remote.stop();
});

/** The bodies the remote received. */
const received = () => remote.requests.map((request) => request.body);

beforeEach(() => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  remote.requests.length = 0;
  remote.answer = answerOk;
});

afterEach(async () => {
  await engine?.stop({ graceMs: 2000 });
  engine = undefined;
  // Every test's integration listens to the same board: each starts with the others off.
  getDb().update(integrations).set({ enabled: false }).run();
});

const dev = () => environmentOf(a.accountId, "development");
const addOrders = (...names: string[]) => createItems(a.admin, dev(), a.orders.id, names.map((name) => ({ name, amount: 10 })));

const post = (body = '{"name": "{{trigger.values.name}}"}') => postStep(`${remote.url}/hook`, body);

describe("queueing runs", () => {
  it("queues one run per item in the transaction of the write, counted exactly", () => {
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep()] });
    addOrders(...Array.from({ length: 20 }, (_, i) => `Order ${i + 1}`));
    const queued = runsOf(integration.id);
    expect(queued).toHaveLength(20);
    expect(queued.every((run) => run.status === "queued" && run.source === "item")).toBe(true);
    expect((queued[0].triggerData as { values: { name: string } }).values.name).toBe("Order 1");
    const counter = getDb()
      .select()
      .from(runCounters)
      .where(and(eq(runCounters.scope, "integration"), eq(runCounters.scopeId, integration.id), eq(runCounters.month, monthOf(Date.now()))))
      .get();
    expect(counter?.runs).toBe(20);
  });

  it("writes neither the items nor their runs when one item of a batch is invalid", async () => {
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep()] });
    const itemsBefore = getDb().select().from(items).all().length;
    const error = await errorOf(() => createItems(a.admin, dev(), a.orders.id, [{ name: "Fine" }, { amount: 3 }]));
    expect((error as Error).message).toMatch(/Item 2/);
    expect(getDb().select().from(items).all()).toHaveLength(itemsBefore);
    expect(runsOf(integration.id)).toHaveLength(0);
  });

  it("makes no run while the integration is off, but keeps the change in the item change log", () => {
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep()] });
    getDb().update(integrations).set({ enabled: false }).where(eq(integrations.id, integration.id)).run();
    const [item] = addOrders("While off");
    expect(runsOf(integration.id)).toHaveLength(0);
    expect(getDb().select().from(itemChanges).where(eq(itemChanges.itemId, item.id)).all()).toHaveLength(1);
  });

  it("runs Item updated integrations on updates only", () => {
    const integration = onIntegration(a.admin, a.app.id, { trigger: { ...kissflowTrigger(a)!, triggerKey: "item_updated" }, steps: [formatterStep()] });
    const [item] = addOrders("Before");
    expect(runsOf(integration.id)).toHaveLength(0);
    updateItem(a.admin, dev(), item.id, { name: "After" });
    const [run] = runsOf(integration.id);
    expect((run.triggerData as { values: { name: string } }).values.name).toBe("After");
  });
});

describe("executing runs", () => {
  it("executes every queued run once, in order of its steps, and records each step", async () => {
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep(), post('{"shout": "{{steps.shout.result}}"}')] });
    engine = startTestEngine();
    addOrders(...Array.from({ length: 20 }, (_, i) => `order ${i + 1}`));
    await eventually(() => expect(runsOf(integration.id).map((run) => run.status)).toEqual(Array(20).fill("succeeded")));
    expect(received().map((body) => JSON.parse(body).shout).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `ORDER ${i + 1}`).sort());
    const [first] = runsOf(integration.id);
    const steps = stepsOf(first.id);
    expect(steps.map((step) => [step.stepId, step.status, step.attempts])).toEqual([["shout", "succeeded", 1], ["post", "succeeded", 1]]);
    expect(steps[1].input).toMatchObject({ method: "POST", body: { shout: "ORDER 1" } });
    expect(steps[1].output).toMatchObject({ status: 200, body: { ok: true } });
    expect(first.finishedAt).toBeGreaterThanOrEqual(first.startedAt!);
  });

  it("ends a run as Filtered when a Filter does not pass, without running the next steps", async () => {
    const filter: StepConfig = { id: "only_big", name: "Only big orders", connectorKey: "utilities", actionKey: "filter", connectionId: null, input: { field: "{{trigger.values.amount}}", operator: "greater", value: "100" } };
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [filter, post()] });
    engine = startTestEngine();
    addOrders("small");
    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("filtered"));
    expect(stepsOf(runsOf(integration.id)[0].id).map((step) => step.status)).toEqual(["filtered"]);
    expect(received()).toHaveLength(0);
  });

  it("retries a step whose remote answers 500, and succeeds when it answers 200", async () => {
    let calls = 0;
    remote.answer = (_req, res) => {
      calls += 1;
      res.statusCode = calls === 1 ? 500 : 200;
      res.setHeader("content-type", "application/json");
      res.end(calls === 1 ? '{"error":{"message":"database restarting"}}' : '{"ok":true}');
    };
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [post()] });
    engine = startTestEngine();
    addOrders("flaky");
    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("succeeded"));
    const [run] = runsOf(integration.id);
    expect(run.attempts).toBe(2);
    expect(stepsOf(run.id)[0]).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("fails at once, without retrying, on an error retrying cannot fix", async () => {
    remote.answer = (_req, res) => {
      res.statusCode = 400;
      res.setHeader("content-type", "application/json");
      res.end('{"error":{"message":"name is not allowed"}}');
    };
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [post()] });
    engine = startTestEngine();
    addOrders("refused");
    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("failed"));
    const [run] = runsOf(integration.id);
    expect(run.attempts).toBe(1);
    expect(run.error).toContain("name is not allowed");
    expect(received()).toHaveLength(1);
  });

  it("takes up a run whose worker died (its lease expired) and finishes it", async () => {
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep()] });
    addOrders("orphan");
    // A worker that claimed the run and died: its lease ran out a moment ago.
    const [claimed] = claimRuns("dead-worker", 10, Date.now(), Date.now() - 1);
    expect(claimed.status).toBe("running");
    engine = startTestEngine();
    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("succeeded"));
    expect(runsOf(integration.id)[0].attempts).toBe(2);
  });

  it("keeps step payloads over 64 KiB as their start with a marker", async () => {
    const huge = "x".repeat(70 * 1024);
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep("shout", `{{trigger.values.name}}${huge}`)] });
    engine = startTestEngine();
    addOrders("big");
    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("succeeded"));
    const [step] = stepsOf(runsOf(integration.id)[0].id);
    expect(typeof step.output).toBe("string");
    expect(step.output as string).toMatch(/… \[truncated: \d+ more bytes\]$/);
    expect((step.output as string).length).toBeLessThan(66 * 1024);
  });

  it("turns an integration off after its last 20 runs failed, saying why in its row and the audit log", async () => {
    remote.answer = (_req, res) => {
      res.statusCode = 404;
      res.end("no such hook");
    };
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [post()] });
    engine = startTestEngine();
    addOrders(...Array.from({ length: 19 }, (_, i) => `bad ${i}`));
    await eventually(() => expect(runsOf(integration.id).filter((run) => run.status === "failed")).toHaveLength(19));
    expect(getDb().select().from(integrations).where(eq(integrations.id, integration.id)).get()?.enabled).toBe(true);
    addOrders("the twentieth");
    await eventually(() => expect(getDb().select().from(integrations).where(eq(integrations.id, integration.id)).get()?.enabled).toBe(false));
    const row = getDb().select().from(integrations).where(eq(integrations.id, integration.id)).get()!;
    expect(row.offReason).toMatch(/^Turned off automatically: its last 20 runs failed\. Last error: Step "Tell the remote"/);
    const entry = getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, integration.id), eq(auditLog.action, "integration.turned_off"))).get();
    expect(entry).toMatchObject({ actor: "system", detail: { automatic: true } });
    addOrders("after auto-off");
    expect(runsOf(integration.id)).toHaveLength(20);
  });
});

describe("stopping", () => {
  it("gives back the runs still executing when the grace period ends, to be taken up again", async () => {
    const wait: StepConfig = { id: "wait", name: "Wait", connectorKey: "utilities", actionKey: "delay", connectionId: null, input: { seconds: "30" } };
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [wait] });
    const stopping = startTestEngine();
    addOrders("long");
    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("running"));
    await stopping.stop({ graceMs: 50 });
    const [run] = runsOf(integration.id);
    expect(run).toMatchObject({ status: "queued", leaseOwner: null, attempts: 0 });
    expect(getDb().select().from(runs).where(eq(runs.status, "running")).all()).toHaveLength(0);
  });
});
