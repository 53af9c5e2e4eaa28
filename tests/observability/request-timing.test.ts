// The server's own request timing (lib/observability/request-timing.ts) over real HTTP against
// the built server at LOG_LEVEL=debug: one JSON line per finished request with the route pattern,
// never the URL's IDs or query string. Also the path → route mapping on a small manifest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/apps";
import { ASSET_ROUTE, routeMatcher, UNMATCHED_ROUTE } from "@/lib/observability/route-patterns";
import { api, keyFor, type AccessKeyPair } from "../support/api";
import { newAccount } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";

const PORT = 3360;
const SEARCH_WORD = "Zanzibarian";

type RequestLine = { level: number; msg: string; method: string; route: string; status: number; durationMs: number };

let server: TestServer;
let accountId: string;
let appId: string;
let key: AccessKeyPair;

beforeAll(async () => {
  const account = await newAccount();
  accountId = account.accountId;
  appId = createApp(account.admin, { name: "Orders" }).id;
  key = keyFor(account.admin, "production");
  server = await startServer({ port: PORT, env: { LOG_LEVEL: "debug" } });
});

afterAll(async () => {
  await server?.stop();
});

const requestLines = (): RequestLine[] =>
  server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as RequestLine)
    .filter((line) => line.msg === "request");

/** The server writes its line once the answer is sent: wait until `count` lines for `route` arrived. */
async function linesFor(route: string, count: number): Promise<RequestLine[]> {
  for (let tries = 0; tries < 100; tries++) {
    const lines = requestLines().filter((line) => line.route === route);
    if (lines.length >= count) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No log line for ${route} within 5 s:\n${server.output()}`);
}

describe("request timing at LOG_LEVEL=debug", () => {
  it("logs a REST request with its route pattern, status and duration, and neither the Account ID nor the search", async () => {
    const response = await api(server.url, key).get(`${accountId}/runs?appId=${appId}&q=${SEARCH_WORD}`);
    expect(response.status).toBe(200);
    const [line] = await linesFor("/api/v1/[accountId]/runs", 1);
    expect(line).toEqual({ level: 20, time: expect.any(Number), msg: "request", method: "GET", route: "/api/v1/[accountId]/runs", status: 200, durationMs: expect.any(Number) });
    expect(line.durationMs).toBeGreaterThan(0);
  });

  it("logs a page by its pattern with the status it answered, and a path no route serves as unmatched", async () => {
    const page = await fetch(`${server.url}/apps/${appId}/manage/integrations/runs?q=${SEARCH_WORD}`, { redirect: "manual" });
    const missing = await fetch(`${server.url}/no-such-page/${appId}`);
    expect(missing.status).toBe(404);
    const [pageLine] = await linesFor("/apps/[appId]/manage/integrations/runs", 1);
    expect(pageLine).toMatchObject({ method: "GET", status: page.status });
    expect((await linesFor(UNMATCHED_ROUTE, 1)).map((line) => line.status)).toContain(404);
  });

  it("keeps every ID and search word of the URLs out of the server's output", async () => {
    await linesFor(UNMATCHED_ROUTE, 1);
    const output = server.output();
    for (const secret of [accountId, appId, SEARCH_WORD, key.id]) expect(output).not.toContain(secret);
  });
});

describe("routeMatcher", () => {
  const match = routeMatcher({
    staticRoutes: [{ page: "/api/health", regex: "^/api/health(?:/)?$" }],
    dynamicRoutes: [
      { page: "/api/v1/[accountId]/runs/[runId]", regex: "^/api/v1/([^/]+?)/runs/([^/]+?)(?:/)?$" },
      { page: "/api/v1/[accountId]/[[...path]]", regex: "^/api/v1/([^/]+?)(?:/(.+?))?(?:/)?$" },
    ],
  });

  it("names a path by the first route that serves it, static routes before dynamic ones, without the query", () => {
    expect(match("/api/health?verbose=1")).toBe("/api/health");
    expect(match("/api/v1/AcX7k2p9/runs/42?q=Ada")).toBe("/api/v1/[accountId]/runs/[runId]");
    expect(match("/api/v1/AcX7k2p9/nothing/here")).toBe("/api/v1/[accountId]/[[...path]]");
  });

  it("groups framework assets and leaves a path no route serves unnamed", () => {
    expect(match("/_next/static/chunks/app-4f2a.js")).toBe(ASSET_ROUTE);
    expect(match("/wp-admin/AcX7k2p9")).toBe(UNMATCHED_ROUTE);
    expect(routeMatcher(null)("/api/health")).toBe(UNMATCHED_ROUTE);
  });
});
