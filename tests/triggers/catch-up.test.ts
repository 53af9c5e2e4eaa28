// Catch-up (SPEC §9.2) with Kissflow connections authenticated for real against the built server:
// items that arrive while an integration is off start no run; turning it on offers exactly those
// (each item once, as it is now), and nothing is ever run twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { deploy } from "@/lib/deploy/deploy";
import { itemTriggerData } from "@/lib/engine/queue";
import { ConflictError } from "@/lib/errors";
import { dismissCatchUp, runCatchUp } from "@/lib/integrations/catch-up";
import { developmentRunStatus, turnOffDevelopment, turnOnDevelopment } from "@/lib/integrations/development-switch";
import { getIntegration } from "@/lib/integrations/integrations";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { listProductionIntegrations } from "@/lib/integrations/production-integrations";
import { turnOff, turnOn } from "@/lib/integrations/production-switch";
import { createItems, deleteItem, updateItem } from "@/lib/items/items";
import { apiAccount } from "../support/api";
import { errorOf } from "../support/fixtures";
import { ownInstance, startServer, type TestServer } from "../support/server";
import { integrationWith, runsOf, shoutStep } from "./support";

const INSTANCE = ownInstance(3307);
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ port: INSTANCE.port, env: INSTANCE.env });
});

afterAll(async () => {
  await server?.stop();
});

let acme: Awaited<ReturnType<typeof apiAccount>>;
let kissflowDev: string;

beforeEach(async () => {
  acme = await apiAccount("Acme");
  kissflowDev = createConnection(acme.admin, { name: "Kissflow", connectorKey: "kissflow", environment: "development" }).id;
  await authenticateConnection(acme.admin, kissflowDev, { accountId: acme.devId, accountDomain: INSTANCE.domain, accessKeyId: acme.devKey.id, accessKeySecret: acme.devKey.secret });
});

function boardIntegration(name: string, triggerKey: "new_item" | "item_updated" = "new_item") {
  return integrationWith(acme.admin, acme.app.id, name, { trigger: { connectorKey: "kissflow", triggerKey, connectionId: kissflowDev, options: { boardId: acme.board.id } }, steps: [shoutStep("{{trigger.values.name}}")] }).id;
}

const add = (env: typeof acme.dev, ...names: string[]) => createItems(acme.admin, env, acme.board.id, names.map((name) => ({ name })));
const sourcesOf = (id: string, env: typeof acme.dev) => runsOf(id, env.id).map((run) => [run.source, (run.triggerData as { values: { name: string } }).values.name]);
const offer = (id: string) => developmentRunStatus(acme.admin, getIntegration(acme.admin, id)).catchUp;

describe("catching up in Development", () => {
  it("offers the items that arrived while it was off, runs each once on confirm, and offers nothing twice", () => {
    const copy = boardIntegration("Copy orders");
    turnOnDevelopment(acme.admin, copy);
    add(acme.dev, "While on");
    turnOffDevelopment(acme.admin, copy);
    const [late1, late2] = add(acme.dev, "Late 1", "Late 2");
    expect(sourcesOf(copy, acme.dev)).toEqual([["item", "While on"]]);

    expect(turnOnDevelopment(acme.admin, copy).catchUp).toBe(2);
    expect(offer(copy)).toBe(2);
    // On again: new items run as they arrive, and are not part of the offer.
    add(acme.dev, "After");
    expect(offer(copy)).toBe(2);

    expect(runCatchUp(acme.admin, "development", copy)).toEqual({ name: "Copy orders", runs: 2 });
    const caughtUp = runsOf(copy, acme.dev.id).filter((run) => run.source === "catch_up");
    expect(caughtUp.map((run) => run.triggerData)).toEqual([itemTriggerData(late1), itemTriggerData(late2)]);
    expect(offer(copy)).toBe(0);
    expect(runCatchUp(acme.admin, "development", copy).runs).toBe(0);

    // Off and on again with nothing new: nothing to offer, not even what was caught up.
    turnOffDevelopment(acme.admin, copy);
    expect(turnOnDevelopment(acme.admin, copy).catchUp).toBe(0);
    expect(sourcesOf(copy, acme.dev)).toEqual([
      ["item", "While on"],
      ["item", "After"],
      ["catch_up", "Late 1"],
      ["catch_up", "Late 2"],
    ]);
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, copy), eq(auditLog.action, "integration.caught_up"))).all();
    expect(audit.map((entry) => entry.detail)).toEqual([{ name: "Copy orders", appId: acme.app.id, environment: "development", count: 2 }]);
  });

  it("counts an item updated several times once, runs it with its latest values, and skips items deleted since", () => {
    const [first, second] = add(acme.dev, "First", "Second");
    const updates = boardIntegration("Sync updates", "item_updated");
    turnOnDevelopment(acme.admin, updates);
    turnOffDevelopment(acme.admin, updates);
    updateItem(acme.admin, acme.dev, first.id, { amount: 1 });
    const latest = updateItem(acme.admin, acme.dev, first.id, { amount: 2 });
    updateItem(acme.admin, acme.dev, second.id, { amount: 3 });
    deleteItem(acme.admin, acme.dev, second.id);
    expect(turnOnDevelopment(acme.admin, updates).catchUp).toBe(1);
    runCatchUp(acme.admin, "development", updates);
    expect(runsOf(updates, acme.dev.id).map((run) => run.triggerData)).toEqual([itemTriggerData(latest)]);
  });

  it("offers nothing for items from before the integration was created, and withdraws an offer dismissed or left when turned off", () => {
    add(acme.dev, "Before it existed");
    const copy = boardIntegration("Copy orders");
    expect(turnOnDevelopment(acme.admin, copy).catchUp).toBe(0);

    turnOffDevelopment(acme.admin, copy);
    add(acme.dev, "Late");
    expect(turnOnDevelopment(acme.admin, copy).catchUp).toBe(1);
    dismissCatchUp(acme.admin, "development", copy);
    expect(offer(copy)).toBe(0);

    turnOffDevelopment(acme.admin, copy);
    add(acme.dev, "Later");
    expect(turnOnDevelopment(acme.admin, copy).catchUp).toBe(1);
    turnOffDevelopment(acme.admin, copy);
    expect(offer(copy)).toBe(0);
    expect(runsOf(copy, acme.dev.id)).toEqual([]);
  });

  it("refuses to catch up while the integration is off", async () => {
    const copy = boardIntegration("Copy orders");
    const error = await errorOf(() => runCatchUp(acme.admin, "development", copy));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe("Copy orders is off: turn it on to catch up what arrived while it was off.");
  });
});

describe("catching up in Production", () => {
  it("counts from the later of when it was switched off and the last deployment", async () => {
    const copy = boardIntegration("Copy orders");
    const { number: deployed } = deploy(acme.admin, acme.app.id);
    const connection = goLiveChecklist(acme.admin, acme.app.id).connections[0];
    const authenticate = () =>
      authenticateConnection(acme.admin, connection.id, { accountId: acme.prodId, accountDomain: INSTANCE.domain, accessKeyId: acme.prodKey.id, accessKeySecret: acme.prodKey.secret });
    await authenticate();

    add(acme.prod, "Since the deployment");
    expect(turnOn(acme.admin, copy).catchUp).toBe(1);
    expect(runCatchUp(acme.admin, "production", copy).runs).toBe(1);

    turnOff(acme.admin, copy);
    add(acme.prod, "Before the next deployment");
    deploy(acme.admin, acme.app.id);
    await authenticate();
    add(acme.prod, "After the next deployment");
    expect(turnOn(acme.admin, copy).catchUp).toBe(1);
    expect(listProductionIntegrations(acme.admin, acme.app.id)[0]).toMatchObject({ name: "Copy orders", catchUp: 1 });
    runCatchUp(acme.admin, "production", copy);
    expect(sourcesOf(copy, acme.prod)).toEqual([
      ["catch_up", "Since the deployment"],
      ["catch_up", "After the next deployment"],
    ]);
    // The next deployment left it unchanged: it still runs the version it was first deployed with.
    expect(runsOf(copy, acme.prod.id).map((run) => run.version)).toEqual([deployed, deployed]);
  });
});
