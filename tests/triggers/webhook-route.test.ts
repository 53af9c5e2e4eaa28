// POST /api/hooks/<token> against the built server: what is accepted (one run per item, in one
// transaction) and everything that is refused, with the run count unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { signPayload } from "@/lib/connectors/webhook/signature";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { turnOffDevelopment, turnOnDevelopment } from "@/lib/integrations/development-switch";
import { archiveIntegration } from "@/lib/integrations/integrations";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { turnOn } from "@/lib/integrations/production-switch";
import { MAX_WEBHOOK_ITEMS } from "@/lib/webhooks/receive-webhook";
import { webhookToken } from "@/lib/webhooks/token";
import { newAccount, newBoard } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { integrationWith, runsOf, scheduleTrigger, shoutStep, webhookTrigger } from "./support";

const SECRET = "a-signing-secret-of-some-length";
let server: TestServer;
let admin: Actor;
let dev: string;
let prod: string;
let catchOrders: string;
let signed: string;
let scheduled: string;

beforeAll(async () => {
  ({ admin } = await newAccount());
  const { app } = newBoard(admin);
  dev = environmentOf(admin.accountId, "development").id;
  prod = environmentOf(admin.accountId, "production").id;
  const signing = createConnection(admin, { name: "Order signing", connectorKey: "webhook", environment: "development" });
  await authenticateConnection(admin, signing.id, { signingSecret: SECRET });
  catchOrders = integrationWith(admin, app.id, "Catch orders", { trigger: webhookTrigger(), steps: [shoutStep()] }).id;
  signed = integrationWith(admin, app.id, "Signed orders", { trigger: webhookTrigger(signing.id), steps: [shoutStep()] }).id;
  scheduled = integrationWith(admin, app.id, "Nightly", { trigger: scheduleTrigger(), steps: [] }).id;
  for (const id of [catchOrders, signed, scheduled]) turnOnDevelopment(admin, id);
  deploy(admin, app.id);
  turnOn(admin, catchOrders);
  const productionSigning = goLiveChecklist(admin, app.id).connections.find((c) => c.name === "Order signing")!;
  await authenticateConnection(admin, productionSigning.id, { signingSecret: `${SECRET}-production` });
  turnOn(admin, signed);
  server = await startServer({ port: 3306 });
});

afterAll(async () => {
  await server?.stop();
});

async function post(token: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/hooks/${token}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
  return { status: response.status, body: await response.json() };
}

const devToken = (id: string) => webhookToken(id, "development");

describe("a webhook POST", () => {
  it("queues one run with the body, the headers that are safe to keep, and when it arrived", async () => {
    const before = Date.now();
    const res = await post(devToken(catchOrders), JSON.stringify({ name: "Ada" }), {
      Cookie: "session=secret",
      Authorization: "Bearer abc",
      "X-Api-Key": "k",
      "X-Request-Source": "shop",
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ runs: 1, runIds: [expect.any(Number)] });
    const run = runsOf(catchOrders, dev).at(-1)!;
    expect(run).toMatchObject({ id: res.body.runIds[0], source: "webhook", environmentId: dev });
    const data = run.triggerData as { body: unknown; headers: Record<string, string>; receivedAt: string };
    expect(data.body).toEqual({ name: "Ada" });
    expect(data.headers).toMatchObject({ "content-type": "application/json", "x-request-source": "shop" });
    for (const name of ["cookie", "authorization", "x-api-key"]) expect(data.headers).not.toHaveProperty(name);
    expect(Date.parse(data.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("takes a JSON array as one run per element, queued in one transaction", async () => {
    const res = await post(devToken(catchOrders), JSON.stringify([{ name: "A" }, { name: "B" }, { name: "C" }]));
    expect(res.status).toBe(202);
    expect(res.body.runs).toBe(3);
    const queued = runsOf(catchOrders, dev).filter((run) => res.body.runIds.includes(run.id));
    expect(queued.map((run) => (run.triggerData as { body: { name: string } }).body.name)).toEqual(["A", "B", "C"]);
    // One insert: consecutive IDs, one creation time.
    expect(queued.map((run) => run.id)).toEqual([queued[0].id, queued[0].id + 1, queued[0].id + 2]);
    expect(new Set(queued.map((run) => run.createdAt)).size).toBe(1);
  });

  it("reaches Production through the Production address, on the deployed version", async () => {
    const res = await post(webhookToken(catchOrders, "production"), JSON.stringify({ name: "Live" }));
    expect(res.status).toBe(202);
    expect(runsOf(catchOrders, prod)).toEqual([expect.objectContaining({ id: res.body.runIds[0], version: 1, source: "webhook" })]);
  });
});

describe("webhook addresses", () => {
  it("answer 404 when forged, another integration's or of an integration that does not exist", async () => {
    const token = devToken(catchOrders);
    const mac = token.split(".")[2];
    const forged = [
      `${catchOrders}.d.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`,
      `${signed}.d.${mac}`,
      `${catchOrders}.p.${mac}`,
      "not-a-token",
      devToken("int_doesnotexist"),
    ];
    const count = runsOf(catchOrders, dev).length;
    for (const bad of forged) {
      const res = await post(bad, "{}");
      expect(res.status, bad).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: "This webhook address was not found." });
    }
    expect(runsOf(catchOrders, dev)).toHaveLength(count);
  });

  it("answer 404 for an integration whose trigger is not Catch webhook", async () => {
    const res = await post(devToken(scheduled), "{}");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("Nightly does not catch webhooks: its trigger is not Webhook › Catch webhook.");
  });
});

describe("refused bodies", () => {
  const item = JSON.stringify({ note: "x".repeat(1000) });
  const arrayOf = (bytes: number) => `[${Array.from({ length: Math.ceil(bytes / (item.length + 1)) }, () => item).join(",")}]`;

  it("accepts a body just under 1 MiB and refuses one over it, or of 5 MiB, with a 413", async () => {
    const count = runsOf(catchOrders, dev).length;
    const under = arrayOf(1000 * 1000);
    expect(Buffer.byteLength(under)).toBeLessThan(1024 * 1024);
    expect((await post(devToken(catchOrders), under)).status).toBe(202);
    const accepted = runsOf(catchOrders, dev).length;
    expect(accepted).toBeGreaterThan(count);
    for (const size of [1024 * 1024 + 10, 5 * 1024 * 1024]) {
      const res = await post(devToken(catchOrders), arrayOf(size));
      expect(res.status).toBe(413);
      expect(res.body.error).toEqual({ code: "payload_too_large", message: "The request body is larger than the limit of 1 MiB (1048576 bytes)." });
    }
    expect(runsOf(catchOrders, dev)).toHaveLength(accepted);
  });

  it("refuses malformed JSON and an empty body with a 400", async () => {
    const malformed = await post(devToken(catchOrders), '{"name": "unterminated');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^The request body is not valid JSON: .+/);
    const empty = await post(devToken(catchOrders), "");
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe("The request body is empty; send a JSON value.");
  });

  it(`refuses an array of more than ${MAX_WEBHOOK_ITEMS} items with a 413`, async () => {
    const count = runsOf(catchOrders, dev).length;
    const res = await post(devToken(catchOrders), JSON.stringify(Array.from({ length: MAX_WEBHOOK_ITEMS + 1 }, (_, i) => i)));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(`A webhook body may hold at most ${MAX_WEBHOOK_ITEMS} items (this one has ${MAX_WEBHOOK_ITEMS + 1}); send them in smaller batches.`);
    expect(runsOf(catchOrders, dev)).toHaveLength(count);
  });
});

describe("a webhook with a signing secret", () => {
  const body = JSON.stringify({ name: "Signed" });

  it("refuses a request without a signature, or with a wrong one, with a 401", async () => {
    const missing = await post(devToken(signed), body);
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/^This webhook requires a signature: send X-Signature-256: sha256=/);
    const wrong = await post(devToken(signed), body, { "X-Signature-256": signPayload("another secret entirely", body) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("The X-Signature-256 signature does not match the body and the signing secret.");
    // Signed for other bytes than those sent.
    const otherBytes = await post(devToken(signed), body, { "X-Signature-256": signPayload(SECRET, `${body} `) });
    expect(otherBytes.status).toBe(401);
    expect(runsOf(signed, dev)).toHaveLength(0);
  });

  it("accepts the request signed with its environment's secret", async () => {
    const ok = await post(devToken(signed), body, { "X-Signature-256": signPayload(SECRET, body) });
    expect(ok.status).toBe(202);
    // Production has its own signing secret: the Development one is refused there.
    const production = webhookToken(signed, "production");
    expect((await post(production, body, { "X-Signature-256": signPayload(SECRET, body) })).status).toBe(401);
    expect((await post(production, body, { "X-Signature-256": signPayload(`${SECRET}-production`, body) })).status).toBe(202);
    expect(runsOf(signed, dev)).toHaveLength(1);
    expect(runsOf(signed, prod)).toHaveLength(1);
  });
});

describe("an integration that is off", () => {
  it("answers 409 saying it is off, and starts no run", async () => {
    turnOffDevelopment(admin, catchOrders);
    const count = runsOf(catchOrders, dev).length;
    const res = await post(devToken(catchOrders), JSON.stringify({ name: "Late" }));
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: "conflict", message: "Catch orders is off in Development: the webhook was not accepted and no run was started. Turn it on to receive webhooks." });
    expect(runsOf(catchOrders, dev)).toHaveLength(count);
    turnOnDevelopment(admin, catchOrders);
    expect((await post(devToken(catchOrders), JSON.stringify({ name: "Back" }))).status).toBe(202);
  });

  it("answers 409 once it is archived", async () => {
    archiveIntegration(admin, catchOrders);
    const res = await post(devToken(catchOrders), "{}");
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^Catch orders is archived in Development/);
  });
});
