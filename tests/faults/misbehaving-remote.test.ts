import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { integrations } from "@/db/schema";
import { environmentOf } from "@/lib/environments";
import { createItems } from "@/lib/items/items";
import { answerOk, postStep, startRemote, type Answer, type Remote } from "../support/remote";
import { startServer, testPort, type TestServer } from "../support/server";
import { integrationAccount, kissflowTrigger, type IntegrationAccount } from "../integrations/support";
import { eventually, onIntegration, runsOf, stepsOf } from "../engine/support";

// The engine inside the real server calling a remote that misbehaves: it never answers, it asks
// to be called again later (429 with Retry-After), or it drops the connection mid-response. The
// engine's settings are shortened through the environment, as an operator would set them.
const MAX_ATTEMPTS = 3;
const SERVER_ENV = {
  ALLOW_PRIVATE_NETWORK: "true",
  RUN_POLL_MS: "100",
  RUN_STEP_TIMEOUT_MS: "500",
  RUN_RETRY_BASE_MS: "200",
  RUN_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
};

let server: TestServer;
let remote: Remote;
let a: IntegrationAccount;

beforeAll(async () => {
  [server, remote, a] = await Promise.all([startServer({ port: 3555, env: SERVER_ENV }), startRemote(testPort(3552)), integrationAccount()]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), remote?.stop()]);
});

afterEach(() => {
  // Every test's integration listens to the same board: each starts with the others off.
  getDb().update(integrations).set({ enabled: false }).run();
  remote.requests.length = 0;
});

/** An Order whose run has one HTTP request step to the remote answering `answer`: its run and step once finished. */
async function runAgainst(answer: Answer, expected: "succeeded" | "failed") {
  remote.answer = answer;
  const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [postStep(`${remote.url}/orders`, '{"order": "{{trigger.id}}"}')] });
  createItems(a.admin, environmentOf(a.accountId, "development"), a.orders.id, [{ name: "an order" }]);
  await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe(expected), 20_000);
  const [run] = runsOf(integration.id);
  return { run, step: stepsOf(run.id)[0] };
}

/** Answers normally from the `n`th request on, and `before` until then. */
function after(n: number, before: Answer): Answer {
  let calls = 0;
  return (req, res, body) => {
    calls += 1;
    if (calls < n) before(req, res, body);
    else answerOk(req, res, body);
  };
}

/** Sends the status line, the headers and part of the body, then destroys the socket. */
const dropMidResponse: Answer = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"partial": ', () => res.socket?.destroy());
};

describe("a remote that misbehaves", () => {
  it("that never answers: every attempt times out, and the run fails after the attempts allowed, saying so", async () => {
    const { run, step } = await runAgainst(() => {}, "failed");
    expect(run.error).toBe(`Step "Tell the remote": The step did not finish within 500 ms. (after ${MAX_ATTEMPTS} attempts)`);
    expect(step).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(remote.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it("that answers 429 with Retry-After once: the step is called again no sooner than asked, and succeeds", async () => {
    const busy: Answer = (_req, res) => {
      res.writeHead(429, { "retry-after": "2", "content-type": "application/json" });
      res.end('{"error": {"message": "slow down"}}');
    };
    const { run, step } = await runAgainst(after(2, busy), "succeeded");
    expect(run.attempts).toBe(2);
    expect(step).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(remote.requests).toHaveLength(2);
    // Without Retry-After the retry would come after RUN_RETRY_BASE_MS (200 ms).
    expect(remote.requests[1].at - remote.requests[0].at).toBeGreaterThanOrEqual(2000);
  });

  it("that drops the connection mid-response once: the step is retried and succeeds", async () => {
    const { run, step } = await runAgainst(after(2, dropMidResponse), "succeeded");
    expect(run.attempts).toBe(2);
    expect(step).toMatchObject({ status: "succeeded", attempts: 2, output: { status: 200, body: { ok: true } } });
    expect(remote.requests).toHaveLength(2);
  });

  it("that always drops the connection: the run fails after the attempts allowed with a message about the connection", async () => {
    const { run, step } = await runAgainst(dropMidResponse, "failed");
    const host = new URL(remote.url).host;
    expect(run.error).toBe(`Step "Tell the remote": The connection to ${host} was closed before its answer was complete (UND_ERR_SOCKET). (after ${MAX_ATTEMPTS} attempts)`);
    expect(step).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(remote.requests).toHaveLength(MAX_ATTEMPTS);
  });
});
