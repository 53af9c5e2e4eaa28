// GET /metrics against the real server: a webhook's request and its run show in the counters, and
// with METRICS_TOKEN set only a scraper sending it is answered.
import { afterAll, beforeAll, expect, it } from "vitest";
import { webhookToken } from "@/lib/webhooks/token";
import { eventually, onIntegration, runsOf } from "../engine/support";
import { newAccount, newBoard } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { shoutStep, webhookTrigger } from "../triggers/support";

const TOKEN = "a-metrics-token-for-the-scraper";
let server: TestServer;
let integrationId: string;

beforeAll(async () => {
  const { admin } = await newAccount();
  const { app } = newBoard(admin);
  integrationId = onIntegration(admin, app.id, { trigger: webhookTrigger(), steps: [shoutStep()] }).id;
  server = await startServer({ port: 3370, env: { METRICS_TOKEN: TOKEN } });
});

afterAll(async () => {
  await server?.stop();
});

const scrape = (authorization?: string) => fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

it("refuses a scraper without the token, or with another one", async () => {
  for (const authorization of [undefined, "Bearer not-the-token", TOKEN]) {
    const response = await scrape(authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.text()).toContain("Send the METRICS_TOKEN as a bearer token");
  }
});

it("counts a webhook's request by its route pattern, and its run and step", async () => {
  const posted = await fetch(`${server.url}/api/hooks/${webhookToken(integrationId, "development")}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"name":"ada"}' });
  expect(posted.status).toBe(202);
  await eventually(() => expect(runsOf(integrationId).map((run) => run.status)).toEqual(["succeeded"]));

  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const text = await response.text();
  expect(text).toContain('boardflow_http_requests_total{route="/api/hooks/[token]",method="POST",status="202"} 1');
  expect(text).toMatch(/boardflow_http_request_duration_seconds_count\{route="\/api\/hooks\/\[token\]",method="POST"\} 1/);
  expect(text).toContain('boardflow_runs{environment="development",status="succeeded"} 1');
  expect(text).toContain('boardflow_step_duration_seconds_count{connector="utilities"} 1');
  expect(text).toContain("boardflow_run_queue_depth 0");
  expect(text).toContain("boardflow_run_retries_total 0");
  expect(text).not.toContain(webhookToken(integrationId, "development"));
});
