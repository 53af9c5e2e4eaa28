import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, apiAccount, keyFor } from "../support/api";
import { startServer, type TestServer } from "../support/server";

const PORT = 3305;
let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  acme = await apiAccount("Acme");
  // A tiny limit so the test can exhaust it: bursts of 3, then one request a second.
  server = await startServer({ port: PORT, env: { API_RATE_LIMIT_PER_SECOND: "1", API_RATE_LIMIT_BURST: "3" } });
});

afterAll(async () => {
  await server?.stop();
});

describe("REST API rate limit", () => {
  it("answers 429 with Retry-After once a key has used its burst, and lets it in again after waiting", async () => {
    const client = api(server.url, acme.prodKey);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.get(`${acme.prodId}/whoami`)).status);
    expect(statuses).toEqual([200, 200, 200]);

    const limited = await client.get(`${acme.prodId}/whoami`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await client.get(`${acme.prodId}/whoami`)).status).toBe(200);
  });

  it("limits each key on its own", async () => {
    const first = api(server.url, keyFor(acme.admin, "production"));
    for (let i = 0; i < 3; i++) await first.get(`${acme.prodId}/apps`);
    expect((await first.get(`${acme.prodId}/apps`)).status).toBe(429);
    const second = api(server.url, keyFor(acme.admin, "production"));
    expect((await second.get(`${acme.prodId}/apps`)).status).toBe(200);
  });

  it("does not let wrong secrets use up a key's requests", async () => {
    const key = keyFor(acme.admin, "production");
    const impostor = api(server.url, { id: key.id, secret: "guess" });
    for (let i = 0; i < 5; i++) expect((await impostor.get(`${acme.prodId}/whoami`)).status).toBe(401);
    expect((await api(server.url, key).get(`${acme.prodId}/whoami`)).status).toBe(200);
  });
});
