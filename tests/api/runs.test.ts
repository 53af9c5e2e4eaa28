// The run-history endpoints of the REST API over real HTTP against the built server. Every run
// is ended before the server starts, so its engine has nothing to change under the assertions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/apps";
import { deploy } from "@/lib/deploy/deploy";
import { api, keyFor, type AccessKeyPair } from "../support/api";
import { startServer, type TestServer } from "../support/server";
import { historyAccount, orders, ranAs, webhookIntegration, type HistoryAccount } from "../runs/support";

const PORT = 3347;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let server: TestServer;
let acme: HistoryAccount;
let globex: HistoryAccount;
let keys: { prod: AccessKeyPair; dev: AccessKeyPair; globex: AccessKeyPair };
let runIds: { feed: number[]; failed: number; dev: number; otherApp: number; globex: number };
let otherAppId: string;

beforeAll(async () => {
  acme = await historyAccount("Acme");
  globex = await historyAccount("Globex");
  const otherApp = createApp(acme.admin, { name: "Shipping" });
  const shipping = webhookIntegration(acme.admin, otherApp.id, "Labels");
  deploy(acme.admin, otherApp.id);
  otherAppId = otherApp.id;
  runIds = {
    feed: ranAs(acme.prod, acme.feed.id, orders("Ada Lovelace", "Grace Hopper", "Alan Turing"), {
      status: "succeeded",
      steps: [{ position: 0, stepId: "format", name: "Format", connectorKey: "utilities", actionKey: "formatter", status: "succeeded", input: { value: "Ada Lovelace" }, output: { result: "ADA LOVELACE" }, error: null, attempts: 1, durationMs: 3, finishedAt: Date.now() }],
    }),
    failed: ranAs(acme.prod, acme.audit.id, orders("Broken"), { status: "failed", error: "Step \"Format\": refused" })[0],
    dev: ranAs(acme.dev, acme.feed.id, orders("In development"), { status: "succeeded" })[0],
    otherApp: ranAs(acme.prod, shipping.id, orders("Label"), { status: "succeeded" })[0],
    globex: ranAs(globex.prod, globex.feed.id, orders("Ada Globex"), { status: "failed", error: "theirs" })[0],
  };
  keys = { prod: keyFor(acme.admin, "production"), dev: keyFor(acme.admin, "development"), globex: keyFor(globex.admin, "production") };
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

const prod = () => api(server.url, keys.prod);
const runsPath = (query = "") => `${acme.accountId}/runs${query}`;
const ids = (body: { data: { id: number }[] }) => body.data.map((run) => run.id);

describe("GET runs", () => {
  it("lists the environment's runs of every app, newest first, with ISO times and the trigger item", async () => {
    const response = await prod().get(runsPath());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(ids(response.body)).toEqual([runIds.otherApp, runIds.failed, ...[...runIds.feed].reverse()]);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.data[1]).toEqual({
      id: runIds.failed,
      appId: acme.app.id,
      integrationId: acme.audit.id,
      integrationName: "Audit trail",
      version: 1,
      status: "failed",
      source: "webhook",
      rerunOf: null,
      attempts: 1,
      error: 'Step "Format": refused',
      trigger: { body: { name: "Broken" } },
      createdAt: expect.stringMatching(ISO),
      startedAt: expect.stringMatching(ISO),
      finishedAt: expect.stringMatching(ISO),
      durationMs: expect.any(Number),
    });
  });

  it("pages with limit and nextCursor, without repeating a run", async () => {
    const first = await prod().get(runsPath("?limit=2"));
    expect(first.body.data).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe("string");
    const second = await prod().get(runsPath(`?limit=2&cursor=${first.body.nextCursor}`));
    const third = await prod().get(runsPath(`?limit=2&cursor=${second.body.nextCursor}`));
    expect(third.body.nextCursor).toBeNull();
    expect([...ids(first.body), ...ids(second.body), ...ids(third.body)]).toEqual(ids((await prod().get(runsPath())).body));
  });

  it("takes Run history's filters as query parameters", async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(ids((await prod().get(runsPath(`?appId=${acme.app.id}&status=failed`))).body)).toEqual([runIds.failed]);
    expect(ids((await prod().get(runsPath(`?integrationId=${acme.feed.id}&q=ada`))).body)).toEqual([runIds.feed[0]]);
    expect(ids((await prod().get(runsPath(`?appId=${otherAppId}&from=${today}&to=${today}`))).body)).toEqual([runIds.otherApp]);
    expect(ids((await prod().get(runsPath("?from=2020-01-01&to=2020-01-31"))).body)).toEqual([]);
    expect(ids((await prod().get(runsPath(`?q=${encodeURIComponent('"Grace" AND(')}`))).body)).toEqual([]);
    expect(ids((await prod().get(runsPath(`?q=${encodeURIComponent('grace "hopper"')}`))).body)).toEqual([runIds.feed[1]]);
  });

  it("answers the key's environment only", async () => {
    const dev = await api(server.url, keys.dev).get(`${acme.accountId}-dev/runs`);
    expect(ids(dev.body)).toEqual([runIds.dev]);
    const wrong = await api(server.url, keys.dev).get(runsPath());
    expect(wrong.status).toBe(403);
  });

  it("refuses wrong parameters with 400 and the field, and another account's app with 404", async () => {
    const cases: [string, string, string][] = [
      ["?limit=101", "limit", "limit must be a whole number from 1 to 100."],
      ["?status=broken", "status", "Status must be one of queued, running, succeeded, failed, filtered."],
      ["?from=last%20week", "from", "From must be a date such as 2025-01-31 (or an ISO 8601 time such as 2025-01-31T09:00:00Z)."],
      [`?q=${encodeURIComponent('"')}`, "q", "Search for words or numbers: at least one letter or digit."],
      ["?cursor=-4", "cursor", "cursor is not a page this history gave."],
    ];
    for (const [query, field, message] of cases) {
      const response = await prod().get(runsPath(query));
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: "validation_failed", fields: { [field]: message } });
    }
    const theirs = await prod().get(runsPath(`?appId=${globex.app.id}`));
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toEqual({ code: "not_found", message: "The app was not found." });
  });
});

describe("GET runs/<runId>", () => {
  it("reads one run with its steps and re-runs", async () => {
    const response = await prod().get(runsPath(`/${runIds.feed[0]}`));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: runIds.feed[0], status: "succeeded", integrationName: "Order feed", trigger: { body: { name: "Ada Lovelace" } }, reruns: [] });
    expect(response.body.steps).toEqual([
      { position: 0, stepId: "format", name: "Format", connectorKey: "utilities", actionKey: "formatter", status: "succeeded", input: { value: "Ada Lovelace" }, output: { result: "ADA LOVELACE" }, error: null, attempts: 1, durationMs: 3, finishedAt: expect.stringMatching(ISO) },
    ]);
  });

  it("answers 404 for another account's run, another environment's run and an ID that is not a run's", async () => {
    for (const path of [runsPath(`/${runIds.globex}`), runsPath(`/${runIds.dev}`), runsPath("/abc"), runsPath("/0"), runsPath("/99999999")]) {
      const response = await prod().get(path);
      expect(response.status).toBe(404);
      expect(response.body.error).toEqual({ code: "not_found", message: "The run was not found." });
    }
    const globexOwn = await api(server.url, keys.globex).get(`${globex.accountId}/runs/${runIds.globex}`);
    expect(globexOwn.status).toBe(200);
    const acrossAccounts = await api(server.url, keys.globex).get(runsPath(`/${runIds.failed}`));
    expect(acrossAccounts.status).toBe(404);
  });
});
