import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeAccessKey } from "@/lib/access-keys/access-keys";
import { setAccountDomain } from "@/lib/environments";
import { api, apiAccount, keyFor } from "../support/api";
import { newUser } from "../support/fixtures";
import { startServer, testPort, type TestServer } from "../support/server";

const PORT = 3301;
let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;
let globex: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  acme = await apiAccount("Acme");
  globex = await apiAccount("Globex");
  setAccountDomain(acme.admin, "development", "dev-acme.example.com");
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

describe("REST API authentication", () => {
  it("answers whoami with the key's user, the account and the Production environment", async () => {
    const res = await api(server.url, acme.prodKey).get(`${acme.prodId}/whoami`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: acme.admin.userId, name: "Ada Admin", email: expect.stringMatching(/@example\.com$/), role: "admin" },
      account: { id: acme.prodId, name: "Acme" },
      environment: "production",
      accountDomain: `localhost:${testPort(PORT)}`,
    });
  });

  it("answers whoami in Development with the Development Account ID and its own Account domain", async () => {
    const res = await api(server.url, acme.devKey).get(`${acme.devId}/whoami`);
    expect(res.status).toBe(200);
    expect(res.body.account).toEqual({ id: acme.devId, name: "Acme" });
    expect(res.body.environment).toBe("development");
    expect(res.body.accountDomain).toBe("dev-acme.example.com");
  });

  it("reports a member's role, since a member's key may use the API too", async () => {
    const member = await newUser(acme.admin, "member");
    const res = await api(server.url, keyFor(member, "production")).get(`${acme.prodId}/whoami`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: member.userId, email: member.email, role: "member" });
  });

  it("refuses a Development key on the Production Account ID with a 403 that names the environment", async () => {
    const res = await api(server.url, acme.devKey).get(`${acme.prodId}/whoami`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(res.body.error.message).toBe(
      `This access key belongs to the Development environment (${acme.devId}); it cannot be used with the Production Account ID ${acme.prodId}. ` +
        "Create a Production access key under My settings > Security settings > API authentication.",
    );
  });

  it("refuses a Production key on the Development Account ID with a 403 that names the environment", async () => {
    const res = await api(server.url, acme.prodKey).get(`${acme.devId}/apps`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(`belongs to the Production environment (${acme.prodId})`);
    expect(res.body.error.message).toContain(`Development Account ID ${acme.devId}`);
  });

  it("answers 404 for another account's Account ID, as if it did not exist", async () => {
    const res = await api(server.url, acme.prodKey).get(`${globex.prodId}/whoami`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "not_found", message: `Account ${globex.prodId} was not found.` });
  });

  it("answers 404 for an Account ID that does not exist", async () => {
    const res = await api(server.url, acme.prodKey).get("AcNOPE00/apps");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("answers 401 without access key headers, before looking at the Account ID", async () => {
    const res = await api(server.url, null).get(`${globex.prodId}/whoami`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    expect(res.body.error.message).toMatch(/X-Access-Key-Id and X-Access-Key-Secret/);
  });

  it("answers 401 for a wrong secret and for an unknown key ID", async () => {
    const wrongSecret = await api(server.url, { id: acme.prodKey.id, secret: "not-the-secret" }).get(`${acme.prodId}/whoami`);
    const unknownKey = await api(server.url, { id: "AKNOSUCHKEY", secret: acme.prodKey.secret }).get(`${acme.prodId}/whoami`);
    for (const res of [wrongSecret, unknownKey]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: "unauthorized", message: "The access key ID or secret is wrong." });
    }
  });

  it("answers 401 for a revoked key", async () => {
    const key = keyFor(acme.admin, "production");
    expect((await api(server.url, key).get(`${acme.prodId}/whoami`)).status).toBe(200);
    revokeAccessKey(acme.admin, key.id);
    const res = await api(server.url, key).get(`${acme.prodId}/whoami`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("This access key has been revoked.");
  });

  it("answers an unknown endpoint with a JSON 404", async () => {
    const res = await api(server.url, acme.prodKey).get(`${acme.prodId}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "not_found", message: `There is no endpoint GET /api/v1/${acme.prodId}/no-such-thing.` });
  });

  it("tells caches not to keep answers", async () => {
    const res = await api(server.url, acme.prodKey).get(`${acme.prodId}/whoami`);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
