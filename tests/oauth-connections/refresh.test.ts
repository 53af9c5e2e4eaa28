// Tokens kept fresh for connectors (`ctx.oauth`) and by the scheduler's sweep, against real
// providers on loopback: ahead of expiry, once on a 401, one refresh for concurrent calls, and
// "Reauthentication required" when the provider refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextForConnection } from "@/lib/connections/connection-context";
import { getConnection } from "@/lib/connections/connection-view";
import { markReauthenticationRequired } from "@/lib/connections/mark-reauthentication-required";
import { refreshExpiringTokens } from "@/lib/connections/oauth-access";
import { readTokens } from "@/lib/connections/oauth-tokens";
import { testConnection } from "@/lib/connections/test-connection";
import { ConnectorError, oauthAccessOf, ReauthenticationRequiredError } from "@/lib/connectors/framework";
import { REFRESH_REFUSED_MESSAGE } from "@/lib/connectors/oauth2/token-endpoint";
import { getConnector } from "@/lib/connectors/registry";
import { errorOf, newAccount } from "../support/fixtures";
import { connectionRow, connectThroughProvider, oauthConnection, providerClient } from "../support/oauth-connections";
import { startResourceServer, type TestResourceServer } from "../support/oauth-resource-server";
import { startOAuthServer, type TestOAuthServer } from "../support/oauth-server";
import { testPort } from "../support/server";

process.env.PUBLIC_URL = `http://127.0.0.1:${testPort(3679)}`;
process.env.ALLOW_PRIVATE_NETWORK = "true";

let normal: TestOAuthServer;
let normalApi: TestResourceServer;
// Access tokens live 30 s, inside the 60 s refresh-ahead window: every use refreshes first.
let short: TestOAuthServer;
let shortApi: TestResourceServer;
let rotating: TestOAuthServer;
let rotatingApi: TestResourceServer;
// Access tokens live 2 s and refresh tokens 1 s: after a short wait the connection is lost.
let expiring: TestOAuthServer;
let acme: Awaited<ReturnType<typeof newAccount>>;

beforeAll(async () => {
  const clients = [providerClient()];
  [normal, short, rotating, expiring] = await Promise.all([
    startOAuthServer({ port: testPort(3682), clients }),
    startOAuthServer({ port: testPort(3683), clients, accessTokenTtl: 30 }),
    startOAuthServer({ port: testPort(3684), clients, rotateRefreshTokens: true }),
    startOAuthServer({ port: testPort(3685), clients, accessTokenTtl: 2, refreshTokenTtl: 1 }),
  ]);
  [normalApi, shortApi, rotatingApi] = await Promise.all([
    startResourceServer({ port: testPort(3686), introspect: (token) => normal.introspect(token) }),
    startResourceServer({ port: testPort(3687), introspect: (token) => short.introspect(token) }),
    startResourceServer({ port: testPort(3688), introspect: (token) => rotating.introspect(token) }),
  ]);
  acme = await newAccount();
});

afterAll(async () => {
  await Promise.all([normalApi, shortApi, rotatingApi, normal, short, rotating, expiring].map((server) => server?.stop()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection signed in at `provider`, and the OAuth access a connector would get for it. */
async function signedIn(provider: TestOAuthServer, connectorKey = "oauth2") {
  const { connection } = oauthConnection(acme.admin, provider, { connectorKey });
  const { result } = await connectThroughProvider(acme.admin, connection.id);
  expect(result.ok).toBe(true);
  const { context } = contextForConnection(connection.id, acme.accountId);
  return { connection, context, oauth: oauthAccessOf(context), tokens: readTokens(connection.id)! };
}

describe("a connector's OAuth fetch", () => {
  it("refreshes a token about to expire before the call, and stores the new tokens encrypted first", async () => {
    const { connection, oauth, tokens } = await signedIn(short);
    expect(await short.introspect(tokens.accessToken)).toBe(true);
    const refreshes = short.refreshCount();
    shortApi.tokensSeen.length = 0;

    const response = await oauth.fetch(shortApi.url);
    expect(response.status).toBe(200);
    expect(short.refreshCount()).toBe(refreshes + 1);
    const fresh = readTokens(connection.id)!;
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fresh.refreshToken).toBe(tokens.refreshToken);
    expect(shortApi.tokensSeen).toEqual([fresh.accessToken]);
    expect(connectionRow(connection.id).credentials).not.toContain(fresh.accessToken);
  });

  it("refreshes once and retries once when the API refuses a token before its expiry", async () => {
    const { connection, oauth, tokens } = await signedIn(normal);
    await normal.revokeAllAccessTokens();
    const refreshes = normal.refreshCount();
    normalApi.tokensSeen.length = 0;

    expect((await oauth.fetch(normalApi.url)).status).toBe(200);
    expect(normal.refreshCount()).toBe(refreshes + 1);
    const fresh = readTokens(connection.id)!;
    expect(normalApi.tokensSeen).toEqual([tokens.accessToken, fresh.accessToken]);

    const error = await errorOf(() => oauth.fetch(normalApi.alwaysRefusingUrl));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toMatch(/refused the access token right after a refresh \(HTTP 401\)/);
    expect(normal.refreshCount()).toBe(refreshes + 2);
    expect(getConnection(acme.admin, connection.id).status).toBe("connected");
  });

  it("refreshes once for calls that find the token refused at the same time, keeping the rotated refresh token", async () => {
    const { connection, oauth, tokens } = await signedIn(rotating);
    await rotating.revokeAllAccessTokens();
    const refreshes = rotating.refreshCount();

    const responses = await Promise.all(Array.from({ length: 5 }, () => oauth.fetch(rotatingApi.url)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(rotating.refreshCount()).toBe(refreshes + 1);
    const rotated = readTokens(connection.id)!;
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);

    // The stored refresh token is the one the provider accepts now.
    await rotating.revokeAllAccessTokens();
    expect((await oauth.fetch(rotatingApi.url)).status).toBe(200);
    expect(rotating.refreshCount()).toBe(refreshes + 2);
  });

  it("marks the connection Reauthentication required and fails the call when the refresh token was revoked", async () => {
    const { connection, oauth } = await signedIn(normal);
    await normal.revokeAllAccessTokens();
    await normal.revokeAllRefreshTokens();

    const error = await errorOf(() => oauth.fetch(normalApi.url));
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect((error as Error).message).toBe(REFRESH_REFUSED_MESSAGE);
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "reauthentication_required", statusMessage: REFRESH_REFUSED_MESSAGE, authenticated: true });
    expect(await testConnection(acme.admin, connection.id)).toEqual({ ok: false, message: REFRESH_REFUSED_MESSAGE, transient: false, status: "reauthentication_required" });
  });

  it("marks the connection Reauthentication required when the refresh token has expired", async () => {
    const { connection, oauth } = await signedIn(expiring);
    await sleep(2_100);
    const error = await errorOf(() => oauth.ensureFreshToken());
    expect((error as Error).message).toBe(REFRESH_REFUSED_MESSAGE);
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "reauthentication_required", statusMessage: REFRESH_REFUSED_MESSAGE });
  });
});

describe("HTTP request with OAuth 2.0", () => {
  const sendRequest = getConnector("http")!.actions[0];

  it("sends requests with the OAuth app's token, refreshed the same way", async () => {
    const { connection, context, tokens } = await signedIn(normal, "http");
    expect(context.credentials).toEqual({ authType: "oauth2" });
    normalApi.tokensSeen.length = 0;
    const input = sendRequest.input.parse({ url: normalApi.url });
    expect(await sendRequest.run({ ...context, input, idempotencyKey: "run_1:step_1" })).toMatchObject({ status: 200, body: { ok: true } });
    await normal.revokeAllAccessTokens();
    expect(await sendRequest.run({ ...context, input, idempotencyKey: "run_2:step_1" })).toMatchObject({ status: 200 });
    const fresh = readTokens(connection.id)!;
    expect(normalApi.tokensSeen).toEqual([tokens.accessToken, tokens.accessToken, fresh.accessToken]);
  });
});

describe("refreshExpiringTokens", () => {
  it("refreshes the signed-in connections whose token expires within the window, and only those", async () => {
    const lasting = await signedIn(normal);
    const due = await signedIn(short);
    const waiting = await signedIn(short);
    markReauthenticationRequired({ environmentId: acme.accountId, connectionIds: [waiting.connection.id] });
    const lost = await signedIn(expiring);
    await sleep(2_100);
    const dueBefore = readTokens(due.connection.id)!;

    const report = await refreshExpiringTokens(5 * 60_000);
    expect(report.refreshed).toContain(due.connection.id);
    expect(report.refreshed).not.toContain(lasting.connection.id);
    expect(report.refreshed).not.toContain(waiting.connection.id);
    expect(report.reauthenticationRequired).toContain(lost.connection.id);
    expect(report.failed).toEqual([]);

    const dueAfter = readTokens(due.connection.id)!;
    expect(dueAfter.accessToken).not.toBe(dueBefore.accessToken);
    expect(dueAfter.expiresAt).toBeGreaterThan(dueBefore.expiresAt!);
    expect(readTokens(lasting.connection.id)).toEqual(lasting.tokens);
    expect(getConnection(acme.admin, lost.connection.id)).toMatchObject({ status: "reauthentication_required", statusMessage: REFRESH_REFUSED_MESSAGE });

    // A token with an hour left is refreshed when the window reaches it.
    expect((await refreshExpiringTokens(2 * 3600_000)).refreshed).toContain(lasting.connection.id);
  });
});
