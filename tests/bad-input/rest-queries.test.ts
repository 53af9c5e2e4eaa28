// Random query parameters, path segments, IDs and access keys against the REST API over real
// HTTP: the server answers, or refuses with a 4xx naming the parameter or resource at fault,
// never a 500, and a refused request changes nothing, in this account or another.
import { fc, it } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { itemChanges, items, runs, RUN_STATUSES } from "@/db/schema";
import { createItems, getItem } from "@/lib/items/items";
import { api, apiAccount, keyFor, type AccessKeyPair, type ApiResponse } from "../support/api";
import { countRows } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { historyAccount, orders, ranAs, type HistoryAccount } from "../runs/support";
import { anyText, expectFieldMessagesNamed, expectReadable, textOfLength } from "./support";

const PORT = 3373;
let server: TestServer;
/** An account with a board and items, and one with runs: each is "another account" to the other. */
let shop: Awaited<ReturnType<typeof apiAccount>>;
let history: HistoryAccount;
let historyKey: AccessKeyPair;
let runIds: number[];
let itemIds: string[];

beforeAll(async () => {
  shop = await apiAccount("Acme");
  itemIds = createItems(shop.admin, shop.prod, shop.board.id, [{ name: "Ada" }, { name: "Grace", amount: 2 }, { name: "Alan" }]).map((item) => item.id);
  history = await historyAccount("Initech");
  historyKey = keyFor(history.admin, "production");
  runIds = [
    ...ranAs(history.prod, history.feed.id, orders("Ada Lovelace", 'Quote "this"', "Zoë (café) AND(x)"), { status: "succeeded" }),
    ...ranAs(history.prod, history.audit.id, orders("Grace Hopper"), { status: "failed", error: "refused" }),
  ];
  server = await startServer({ port: PORT, env: { API_RATE_LIMIT_PER_SECOND: "100000", API_RATE_LIMIT_BURST: "100000" } });
});

afterAll(async () => {
  await server?.stop();
});

const writes = () => ({ items: countRows(items), changes: countRows(itemChanges), runs: countRows(runs) });

/** Parameters named in words in their messages ("Search must be…" for `q`). */
const RUN_PARAMS: Record<string, string> = {
  appId: "appId",
  integrationId: "Integration",
  status: "Status",
  from: "From",
  to: "To",
  q: "Search",
  cursor: "cursor",
  after: "after",
  limit: "limit",
};

/** A refusal: a status among `statuses`, a readable message, field errors naming sent parameters only. */
function expectRefused(res: ApiResponse, statuses: number[], sent: Record<string, string> = {}, labels: Record<string, string> = {}): void {
  expect(statuses, JSON.stringify(res.body)).toContain(res.status);
  expectReadable(res.body.error.message);
  expectFieldMessagesNamed(res.body.error.fields, (key) => (Object.hasOwn(sent, key) && Object.hasOwn(labels, key) ? labels[key] : null));
}

/** Short text: a URL holds a few kilobytes at most (Node.js answers 431 itself past 16 KiB). */
const shortText = () => anyText().map((text) => text.slice(0, 300));
const instant = fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((date) => date.toISOString());
const numberText = fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.double().map(String), fc.constantFrom("0x10", "1e3", " 7 ", "9007199254740993"));

// IDs exist once beforeAll has run: arbitraries read them while generating (in `map`), not when built.
const pick = <T>(list: () => T[]) => fc.nat().map((index) => list()[index % list().length]);

const runQuery = fc.record(
  {
    appId: fc.oneof(pick(() => [history.app.id, shop.app.id]), shortText()),
    integrationId: fc.oneof(pick(() => [history.feed.id, history.audit.id]), shortText()),
    status: fc.oneof(fc.constantFrom(...RUN_STATUSES), shortText()),
    from: fc.oneof(instant, instant.map((time) => time.slice(0, 10)), shortText()),
    to: fc.oneof(instant, instant.map((time) => time.slice(0, 10)), shortText()),
    q: fc.oneof(fc.constantFrom("Ada", '"Ada"', "Ada AND(", "NEAR(Ada Grace)", "café", "Zoë*", "-Ada", "Ada OR Grace"), shortText()),
    cursor: fc.oneof(pick(() => runIds.map(String)), numberText, shortText()),
    after: fc.oneof(numberText, shortText()),
    limit: fc.oneof(numberText, shortText()),
  },
  { requiredKeys: [] },
);

describe("GET runs with random query parameters", () => {
  it.prop([runQuery, fc.dictionary(shortText(), shortText(), { maxKeys: 3 })], { numRuns: 80 })(
    "lists only this environment's runs matching the filters, or answers 400 naming the parameter",
    async (query, extra) => {
      const sent = { ...extra, ...query };
      const res = await api(server.url, historyKey).get(`${history.accountId}/runs?${new URLSearchParams(sent)}`);
      if (res.status === 200) {
        for (const run of res.body.data) {
          expect(runIds).toContain(run.id);
          if (sent.status !== undefined && (RUN_STATUSES as readonly string[]).includes(sent.status)) expect(run.status).toBe(sent.status);
        }
        return;
      }
      // Another account's app is a 404 like every other ID of another account.
      expectRefused(res, [400, 404], sent, RUN_PARAMS);
      if (res.status === 404) expect(res.body.error.message).toBe("The app was not found.");
    },
    60_000,
  );
});

describe("GET items with random paging", () => {
  const pageQuery = fc.record({ limit: fc.oneof(numberText, shortText()), cursor: fc.oneof(pick(() => itemIds), shortText(), textOfLength(150, 400)) }, { requiredKeys: [] });

  it.prop([pageQuery], { numRuns: 50 })("answers a page of the board's items, or a 400 naming limit or cursor", async (query) => {
    const res = await api(server.url, shop.prodKey).get(`${shop.prodId}/boards/${shop.board.id}/items?${new URLSearchParams(query)}`);
    if (res.status === 200) {
      for (const item of res.body.data) expect(itemIds).toContain(item.id);
      return;
    }
    expectRefused(res, [400], query, { limit: "limit", cursor: "cursor" });
  });
});

describe("GET runs with valid filters", () => {
  const validQuery = fc.record(
    {
      integrationId: pick(() => [history.feed.id, history.audit.id]),
      status: fc.constantFrom(...RUN_STATUSES),
      q: fc.constantFrom("Ada", '"this"', "AND(x)", "NEAR(Ada Grace)", "café", "Zoë*", "-Ada", "Ada OR Grace", "(café)"),
      limit: fc.integer({ min: 1, max: 100 }).map(String),
    },
    { requiredKeys: [] },
  );

  it.prop([validQuery, fc.option(fc.tuple(instant, instant))], { numRuns: 40 })("answers 200 with only the runs that match them", async (query, dates) => {
    const [from, to] = (dates ?? []).sort();
    const sent: Record<string, string> = { ...query, ...(from ? { from, to } : {}) };
    const res = await api(server.url, historyKey).get(`${history.accountId}/runs?${new URLSearchParams(sent)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(Number(sent.limit ?? 50));
    for (const run of res.body.data) {
      expect(runIds).toContain(run.id);
      if (sent.status) expect(run.status).toBe(sent.status);
      if (sent.integrationId) expect(run.integrationId).toBe(sent.integrationId);
    }
  });
});

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Any method, with a small JSON body where the method takes one. */
const request = (method: string, path: string, key: AccessKeyPair) =>
  api(server.url, key).send(method, path, { raw: method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ name: "Sent along" }) });

describe("random paths and IDs", () => {
  const ids = () => [shop.app.id, shop.board.id, ...itemIds, history.app.id, history.feed.id, ...runIds.map(String)];
  const segment = fc.oneof(
    fc.constantFrom("apps", "boards", "items", "runs", "whoami", "", "%25", "%00", "%2F", "%C3%A9", "%F0%9F%99%82"),
    pick(ids),
    fc.string().map(encodeURIComponent),
    // Long, but well inside the 16 KiB of a request's or response's head: Node.js answers 431 to
    // longer requests itself, and Next.js redirects a path with `//` to itself with the path in Location.
    textOfLength(100, 300).map(encodeURIComponent),
  );

  it.prop([fc.constantFrom(...METHODS), fc.array(segment, { minLength: 1, maxLength: 4 })], { numRuns: 80 })(
    "answer JSON with a readable error for anything that is not an endpoint, and change nothing",
    async (method, segments) => {
      const before = writes();
      const res = await request(method, `${shop.prodId}/${segments.join("/")}`, shop.prodKey);
      expect(res.status).toBeLessThan(500);
      if (res.status < 400) return;
      expectRefused(res, [400, 404, 405, 409]);
      if (res.status === 405) expect(res.body.error.message).toContain(`use ${res.headers.get("allow")}`);
      expect(writes()).toEqual(before);
    },
    60_000,
  );

  /** Every endpoint that takes an ID, with another account's ID in it. */
  const foreign = () => [
    { method: "GET", path: `apps/${history.app.id}`, what: "The app" },
    { method: "GET", path: `apps/${history.app.id}/boards`, what: "The app" },
    { method: "GET", path: `boards/${shop.board.id}`, what: "The board", key: "history" },
    { method: "GET", path: `boards/${shop.board.id}/items`, what: "The board", key: "history" },
    { method: "POST", path: `boards/${shop.board.id}/items`, what: "The board", key: "history" },
    ...itemIds.flatMap((id) => ["GET", "PATCH", "DELETE"].map((method) => ({ method, path: `items/${id}`, what: "The item", key: "history" }))),
    ...runIds.map((id) => ({ method: "GET", path: `runs/${id}`, what: "The run" })),
  ];

  it.prop([pick(foreign)], { numRuns: 30 })("answer 404 naming the resource for another account's IDs, and leave its data alone", async (target) => {
    const [key, accountId] = target.key === "history" ? [historyKey, history.accountId] : [shop.prodKey, shop.prodId];
    const before = { writes: writes(), values: itemIds.map((id) => getItem(shop.admin, shop.prod, id).values) };
    const res = await request(target.method, `${accountId}/${target.path}`, key);
    expectRefused(res, [404]);
    expect(res.body.error.message).toBe(`${target.what} was not found.`);
    expect({ writes: writes(), values: itemIds.map((id) => getItem(shop.admin, shop.prod, id).values) }).toEqual(before);
  });

  const printable = fc.stringMatching(/^[\x21-\x7e]{0,80}$/);
  // "." and ".." are not sent as segments: URLs resolve them before the request leaves.
  const accountIdText = fc.oneof(
    pick(() => [shop.prodId, shop.devId, history.accountId]),
    fc.string({ minLength: 1 }).filter((text) => text !== "." && text !== "..").map(encodeURIComponent),
    fc.constantFrom("%25", "%2F", "%00"),
  );

  it.prop([accountIdText, fc.option(fc.record({ id: printable, secret: printable }))], { numRuns: 40 })("answer 401, 403 or 404 for random Account IDs and keys, with a message saying which", async (accountId, garbled) => {
    const before = writes();
    const res = await request("GET", `${accountId}/apps`, garbled ?? shop.prodKey);
    if (res.status === 200) {
      expect(garbled).toBeNull();
      expect(accountId).toBe(shop.prodId);
      return;
    }
    expectRefused(res, [401, 403, 404]);
    if (garbled) expect(res.status).toBe(401);
    expect(writes()).toEqual(before);
  });
});

describe("a path with a malformed %-escape", () => {
  const malformed = fc.oneof(fc.constantFrom("%", "%zz", "%A0", "%C3", "%E0%A4%A"), fc.stringMatching(/^%[0-9a-f]?[g-z]$/));
  const where = fc.constantFrom("api/v1/{}/apps", "api/v1/AcX/boards/{}/items", "api/hooks/{}");

  // Next.js 16 answers these itself with a plain-text 500 before any route runs (it cannot decode
  // the segment): vercel/next.js#92527, fix proposed in #92557. This fails until Next.js answers a 4xx.
  it.fails.prop([where, malformed], { numRuns: 5 })("is answered with a 4xx, not a 500", async (template, escape) => {
    const response = await fetch(`${server.url}/${template.replace("{}", escape)}`);
    expect(response.status).toBeLessThan(500);
  });
});
