// POST /api/hooks/<token> against the built server with random bodies, content types, tokens and
// signatures: an accepted request queues exactly one run per item (per element of an array),
// a refused one queues none and says why; never a 500.
import { fc, it } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { runs } from "@/db/schema";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "@/lib/api/json-body";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { signPayload } from "@/lib/connectors/webhook/signature";
import { environmentOf } from "@/lib/environments";
import { turnOnDevelopment } from "@/lib/integrations/development-switch";
import { MAX_WEBHOOK_ITEMS } from "@/lib/webhooks/receive-webhook";
import { webhookToken } from "@/lib/webhooks/token";
import { countRows, newAccount, newBoard } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { integrationWith, runsOf, shoutStep, webhookTrigger } from "../triggers/support";
import { anyText, expectReadable, malformedJson, notUtf8, textOfLength } from "./support";

const PORT = 3374;
const SECRET = "a-signing-secret-of-some-length";
let server: TestServer;
let admin: Actor;
let dev: string;
let open: string;
let signed: string;

beforeAll(async () => {
  ({ admin } = await newAccount());
  const { app } = newBoard(admin);
  const signing = createConnection(admin, { name: "Order signing", connectorKey: "webhook", environment: "development" });
  await authenticateConnection(admin, signing.id, { signingSecret: SECRET });
  open = integrationWith(admin, app.id, "Catch orders", { trigger: webhookTrigger(), steps: [shoutStep()] }).id;
  signed = integrationWith(admin, app.id, "Signed orders", { trigger: webhookTrigger(signing.id), steps: [shoutStep()] }).id;
  for (const id of [open, signed]) turnOnDevelopment(admin, id);
  dev = environmentOf(admin.accountId, "development").id;
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

type Sent = { status: number; body: { runs?: number; runIds?: number[]; error?: { code: string; message: string } } };

async function post(token: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${server.url}/api/hooks/${token}`, { method: "POST", headers, body });
  return { status: response.status, body: await response.json() };
}

/** A refusal: one of `statuses`, a readable message, and not one run queued anywhere. */
async function expectRefused(send: () => Promise<Sent>, statuses: number[]): Promise<string> {
  const before = countRows(runs);
  const res = await send();
  expect(statuses, JSON.stringify(res.body)).toContain(res.status);
  expectReadable(res.body.error?.message);
  expect(countRows(runs)).toBe(before);
  return res.body.error!.message;
}

const openToken = () => webhookToken(open, "development");
const contentType = fc.option(fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "*/*"));

describe("webhook bodies", () => {
  const body = fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 30 }), anyText());

  it.prop([body, contentType], { numRuns: 60 })("queue one run per item, each with that item as its body, whatever the content type", async (value, type) => {
    const before = runsOf(open, dev).length;
    const res = await post(openToken(), JSON.stringify(value), type ? { "Content-Type": type } : {});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    // JSON text is what travels: -0 arrives as 0.
    const items = JSON.parse(JSON.stringify(value));
    const expected = Array.isArray(items) ? items : [items];
    expect(res.body.runs).toBe(expected.length);
    const queued = runsOf(open, dev).slice(before);
    expect(queued.map((run) => run.id)).toEqual(res.body.runIds);
    expect(queued.map((run) => (run.triggerData as { body: unknown }).body)).toEqual(expected);
  }, 60_000);

  it.prop([malformedJson()], { numRuns: 40 })("that are not JSON are refused with a 400 saying so", async (text) => {
    const message = await expectRefused(() => post(openToken(), text), [400]);
    expect(message).toMatch(/not valid JSON|is empty/);
  });

  it.prop([notUtf8()], { numRuns: 15 })("that are not UTF-8 are refused with a 400 saying so", async (bytes) => {
    expect(await expectRefused(() => post(openToken(), bytes), [400])).toMatch(/UTF-8/);
  });

  const tooMuch = fc.oneof(
    fc.integer({ min: MAX_WEBHOOK_ITEMS + 1, max: 5_000 }).map((n) => ({ text: JSON.stringify(Array.from({ length: n }, (_, i) => i)), says: `at most ${MAX_WEBHOOK_ITEMS} items` })),
    fc.integer({ min: MAX_JSON_DEPTH + 1, max: 200_000 }).map((depth) => ({ text: `${"[".repeat(depth)}${"]".repeat(depth)}`, says: `${MAX_JSON_DEPTH} levels deep` })),
    textOfLength(MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 100_000).map((text) => ({ text: JSON.stringify(text), says: "1 MiB" })),
  );

  it.prop([tooMuch], { numRuns: 10 })("with too many items, nested too deep or over 1 MiB are refused naming the limit", async ({ text, says }) => {
    expect(await expectRefused(() => post(openToken(), text), [400, 413])).toContain(says);
  }, 60_000);
});

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("webhook addresses", () => {
  const mutated = fc.oneof(
    fc.tuple(fc.nat(), fc.stringMatching(/^[A-Za-z0-9_-]$/)).map(([at, c]) => (token: string) => {
      const i = at % token.length;
      return token[i] === c ? null : `${token.slice(0, i)}${c}${token.slice(i + 1)}`;
    }),
    fc.nat().map((cut) => (token: string) => token.slice(0, cut % token.length)),
    fc.string({ minLength: 1 }).map((tail) => (token: string) => `${token}${encodeURIComponent(tail)}`),
    fc.constant((token: string) => token.replace(".d.", ".p.")),
    // The same MAC bytes spelled otherwise: the last character's two lowest bits are unused.
    fc.constant((token: string) => `${token.slice(0, -1)}${BASE64URL[BASE64URL.indexOf(token.at(-1)!) ^ 1]}`),
    fc.constant((token: string) => `${signed}${token.slice(token.indexOf("."))}`),
    fc.string({ minLength: 1 }).map((junk) => () => encodeURIComponent(junk)),
  );

  it.prop([mutated], { numRuns: 60 })("that were forged or garbled answer 404 and queue nothing", async (mutate) => {
    const token = mutate(openToken());
    fc.pre(token !== null && token !== "" && token !== "." && token !== "..");
    const message = await expectRefused(() => post(token!, JSON.stringify({ name: "Forged" })), [404]);
    expect(message).toBe("This webhook address was not found.");
  });
});

describe("a webhook with a signing secret", () => {
  const signedToken = () => webhookToken(signed, "development");
  const junkSignature = fc.oneof(
    fc.stringMatching(/^[\x20-\x7e]{0,100}$/),
    fc.stringMatching(/^[0-9a-f]{0,80}$/).map((hex) => `sha256=${hex}`),
    fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256=${hex}`),
    anyText().map((other) => signPayload(SECRET, `${other}!`)),
    fc.string().map((secret) => signPayload(`${SECRET}${secret}x`, JSON.stringify({ name: "Signed" }))),
  );

  it.prop([fc.jsonValue(), fc.option(junkSignature)], { numRuns: 60 })("refuses a missing or wrong X-Signature-256 with a 401 naming the header, and queues nothing", async (value, signature) => {
    const text = JSON.stringify(value);
    fc.pre(signature?.trim().toLowerCase() !== signPayload(SECRET, text));
    const message = await expectRefused(() => post(signedToken(), text, signature === null ? {} : { "X-Signature-256": signature }), [401]);
    expect(message).toContain("X-Signature-256");
  });

  it.prop([fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 10 }))], { numRuns: 20 })("accepts the body signed with its secret, one run per item", async (value) => {
    const text = JSON.stringify(value);
    const before = runsOf(signed, dev).length;
    const res = await post(signedToken(), text, { "X-Signature-256": signPayload(SECRET, text) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(runsOf(signed, dev).length - before).toBe(Array.isArray(value) ? value.length : 1);
  });
});
