// Connect now and Reauthenticate through the connections service, against a real OAuth provider on
// loopback whose pages a person answers (tests/support/oauth-user-agent.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/apps";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { contextForConnection } from "@/lib/connections/connection-context";
import { getConnection } from "@/lib/connections/connection-view";
import { createConnection } from "@/lib/connections/create-connection";
import { markReauthenticationRequired } from "@/lib/connections/mark-reauthentication-required";
import { beginOAuthConnection, finishedReturnUrl, finishOAuthConnection, oauthRedirectUri } from "@/lib/connections/oauth-connect";
import { readTokens } from "@/lib/connections/oauth-tokens";
import { ReauthenticationRequiredError } from "@/lib/connectors/framework";
import { ACCESS_DENIED_MESSAGE, STATE_MISMATCH_MESSAGE } from "@/lib/connectors/oauth2/flow";
import { getConnector } from "@/lib/connectors/registry";
import { deploy } from "@/lib/deploy/deploy";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { errorOf, newAccount, newUser } from "../support/fixtures";
import { connectionRow, connectThroughProvider, oauthConnection, providerClient } from "../support/oauth-connections";
import { startResourceServer, type TestResourceServer } from "../support/oauth-resource-server";
import { startOAuthServer, type TestOAuthServer } from "../support/oauth-server";
import { signInAtProvider } from "../support/oauth-user-agent";
import { testPort } from "../support/server";

// Nothing listens there: the person's browser stops at the provider's redirect to the callback.
process.env.PUBLIC_URL = `http://127.0.0.1:${testPort(3679)}`;
process.env.ALLOW_PRIVATE_NETWORK = "true";

let provider: TestOAuthServer;
let api: TestResourceServer;
let acme: Awaited<ReturnType<typeof newAccount>>;

beforeAll(async () => {
  provider = await startOAuthServer({ port: testPort(3680), clients: [providerClient()] });
  api = await startResourceServer({ port: testPort(3681), introspect: (token) => provider.introspect(token) });
  acme = await newAccount();
});

afterAll(async () => {
  await Promise.all([api?.stop(), provider?.stop()]);
});

beforeEach(() => {
  api.tokensSeen.length = 0;
});

describe("Connect now", () => {
  it("signs in at the provider, stores the tokens encrypted, and leaves the connection Connected and tested", async () => {
    const { connection } = oauthConnection(acme.admin, provider, { testUrl: api.url });
    const before = Date.now();
    const { began, result } = await connectThroughProvider(acme.admin, connection.id);

    const authorize = new URL(began.authorizationUrl);
    expect(authorize.origin + authorize.pathname).toBe(provider.authorizeUrl);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: "boardflow", redirect_uri: oauthRedirectUri(), scope: "read", code_challenge_method: "S256" });
    expect(began.cookie).toMatchObject({ name: "oauth_pending", options: { httpOnly: true, sameSite: "lax", path: "/api/oauth" } });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.test).toEqual({ ok: true, message: `127.0.0.1:${testPort(3681)} answered 200 with this connection's access token.`, transient: false, status: "connected" });
    expect(result.connection).toMatchObject({ status: "connected", statusMessage: null, authenticated: true, authenticatedBy: { id: acme.admin.userId }, lastTestOk: true });
    expect(result.connection.authenticatedAt).toBeGreaterThanOrEqual(before);
    expect(finishedReturnUrl(result).href).toBe(`${process.env.PUBLIC_URL}/apps/app_1/manage/integrations/connections?oauth=connected`);

    // The test called the resource with the token it stored; the column holds ciphertext only.
    const tokens = readTokens(connection.id)!;
    expect(api.tokensSeen).toEqual([tokens.accessToken]);
    expect(provider.issuedTokens()).toEqual(expect.arrayContaining([tokens.accessToken, tokens.refreshToken]));
    const raw = connectionRow(connection.id).credentials!;
    expect(raw).toMatch(/^v1:/);
    expect(raw).not.toContain(tokens.accessToken);
    expect(raw).not.toContain(tokens.refreshToken!);
    expect(JSON.stringify(getConnection(acme.admin, connection.id))).not.toContain(tokens.accessToken);
  });

  it("without a Test URL, tests the sign-in with a refresh at the provider and says until when the token is valid", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const refreshes = provider.refreshCount();
    const { result } = await connectThroughProvider(acme.admin, connection.id);
    expect(result.ok && result.test).toMatchObject({
      ok: true,
      status: "connected",
      message: expect.stringMatching(/^The provider refreshed the access token; it is valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/),
    });
    expect(provider.refreshCount()).toBe(refreshes + 1);
    expect(api.tokensSeen).toEqual([]);
  });

  it("leaves a connected connection as it was when the callback carries another attempt's state", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    await connectThroughProvider(acme.admin, connection.id);
    const before = connectionRow(connection.id);
    const first = await beginOAuthConnection(acme.admin, { connectionId: connection.id, returnTo: "/apps" });
    const second = await beginOAuthConnection(acme.admin, { connectionId: connection.id, returnTo: "/apps" });
    const callbackUrl = await signInAtProvider(second.authorizationUrl, { username: "ada", decision: "Allow", redirectUri: oauthRedirectUri() });
    const result = await finishOAuthConnection(acme.admin, { sealedState: first.cookie.value, callbackUrl });
    expect(result).toEqual({ ok: false, returnTo: "/apps", message: STATE_MISMATCH_MESSAGE });
    expect(connectionRow(connection.id)).toEqual(before);
  });

  it("leaves the connection unchanged when consent is denied, and says so on the page it came from", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const before = connectionRow(connection.id);
    const { result } = await connectThroughProvider(acme.admin, connection.id, "Deny", "/apps/app_1/builder/connections?tab=1");
    expect(result).toEqual({ ok: false, returnTo: "/apps/app_1/builder/connections?tab=1", message: ACCESS_DENIED_MESSAGE });
    const back = finishedReturnUrl(result);
    expect(back.pathname).toBe("/apps/app_1/builder/connections");
    expect(Object.fromEntries(back.searchParams)).toEqual({ tab: "1", oauth_error: ACCESS_DENIED_MESSAGE });
    expect(connectionRow(connection.id)).toEqual(before);
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "reauthentication_required", authenticated: false });
  });

  it("goes back to Apps with a message when the pending cookie is missing or was changed", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const began = await beginOAuthConnection(acme.admin, { connectionId: connection.id, returnTo: "/apps/x" });
    const callbackUrl = new URL(`${oauthRedirectUri()}?code=abc&state=def`);
    const tampered = began.cookie.value.slice(0, -2) + (began.cookie.value.endsWith("A") ? "BB" : "AA");
    expect(await finishOAuthConnection(acme.admin, { sealedState: tampered, callbackUrl })).toEqual({
      ok: false,
      returnTo: "/apps",
      message: "This sign-in attempt could not be verified; start again with Connect now.",
    });
    expect(await finishOAuthConnection(acme.admin, { sealedState: undefined, callbackUrl })).toMatchObject({ ok: false, returnTo: "/apps", message: expect.stringMatching(/^No sign-in attempt is in progress/) });
    expect(connectionRow(connection.id).credentials).toBeNull();
  });

  it("is for builders and admins of the connection's account only", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const member = await newUser(acme.admin, "member");
    const { admin: stranger } = await newAccount("Globex");
    expect(await errorOf(() => beginOAuthConnection(member, { connectionId: connection.id, returnTo: "/apps" }))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => beginOAuthConnection(stranger, { connectionId: connection.id, returnTo: "/apps" }))).toBeInstanceOf(NotFoundError);

    // A callback reaching another person's browser session changes nothing either.
    const began = await beginOAuthConnection(acme.admin, { connectionId: connection.id, returnTo: "/apps" });
    const callbackUrl = await signInAtProvider(began.authorizationUrl, { username: "ada", decision: "Allow", redirectUri: oauthRedirectUri() });
    expect(await finishOAuthConnection(stranger, { sealedState: began.cookie.value, callbackUrl })).toEqual({ ok: false, returnTo: "/apps", message: "The connection was not found." });
    expect(await finishOAuthConnection(member, { sealedState: began.cookie.value, callbackUrl })).toEqual({ ok: false, returnTo: "/apps", message: "Only a builder or an admin can authenticate connections." });
    expect(await finishOAuthConnection(null, { sealedState: began.cookie.value, callbackUrl })).toMatchObject({ ok: false, message: expect.stringMatching(/^You were signed out/) });
    expect(connectionRow(connection.id).credentials).toBeNull();

    const builder = await newUser(acme.admin, "builder");
    expect((await connectThroughProvider(builder, connection.id)).result.ok).toBe(true);
    expect(getConnection(acme.admin, connection.id).authenticatedBy?.id).toBe(builder.userId);
  });

  it("returns only to a path on this site", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const error = await errorOf(() => beginOAuthConnection(acme.admin, { connectionId: connection.id, returnTo: "https://evil.example/" }));
    expect((error as ValidationError).fieldErrors).toEqual({ returnTo: "The return address must be a path on this site, such as /apps." });
  });

  it("keeps the form for typed-in credentials, and Connect now for OAuth connections", async () => {
    const kissflow = createConnection(acme.admin, { name: "Kissflow", connectorKey: "kissflow", environment: "production" });
    const error = await errorOf(() => beginOAuthConnection(acme.admin, { connectionId: kissflow.id, returnTo: "/apps" }));
    expect((error as Error).message).toBe('"Kissflow" does not sign in through an OAuth app: authenticate it with its form.');
    const { connection } = oauthConnection(acme.admin, provider);
    const refused = await errorOf(() => authenticateConnection(acme.admin, connection.id, { authType: "oauth2" }));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(/signs in through its OAuth app: use Connect now/);
  });
});

describe("after a deployment", () => {
  it("the Production counterpart of a Development OAuth connection signs in through the same OAuth app", async () => {
    const { app: oauthApp, connection: development } = oauthConnection(acme.admin, provider, { testUrl: api.url, environment: "development" });
    const app = createApp(acme.admin, { name: "CRM sync" });
    const integration = createIntegration(acme.admin, app.id, { name: "Push contacts" });
    saveDefinition(acme.admin, integration.id, {
      trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: null, options: {} },
      steps: [{ id: "push", name: "Push", connectorKey: "oauth2", actionKey: "send_authenticated_request", connectionId: development.id, input: { method: "GET", url: api.url } }],
    });
    deploy(acme.admin, app.id);
    const production = goLiveChecklist(acme.admin, app.id).connections.find((c) => c.name === development.name)!;
    expect(connectionRow(production.id).oauthAppId).toBe(oauthApp.id);
    const { result } = await connectThroughProvider(acme.admin, production.id);
    expect(result).toMatchObject({ ok: true, connection: { status: "connected" } });
  });
});

describe("Reauthenticate", () => {
  it("signs in again after a deployment and replaces the tokens", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    await connectThroughProvider(acme.admin, connection.id);
    const first = readTokens(connection.id)!;
    markReauthenticationRequired({ environmentId: acme.accountId, connectionIds: [connection.id] });
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "reauthentication_required", authenticated: true });
    const { result } = await connectThroughProvider(acme.admin, connection.id);
    expect(result.ok && result.connection.status).toBe("connected");
    expect(readTokens(connection.id)!.accessToken).not.toBe(first.accessToken);
  });
});

describe("Send authenticated request", () => {
  const sendAuthenticatedRequest = getConnector("oauth2")!.actions[0];

  it("calls the API with the connection's access token through the engine's context", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const never = await errorOf(() => contextForConnection(connection.id, acme.accountId));
    expect(never).toBeInstanceOf(ReauthenticationRequiredError);
    await connectThroughProvider(acme.admin, connection.id);

    const { context } = contextForConnection(connection.id, acme.accountId);
    expect(context.credentials).toEqual({ authType: "oauth2" });
    const input = sendAuthenticatedRequest.input.parse({ method: "POST", url: api.url, headers: { "X-Trace": "t-1" }, body: { hello: "world" } });
    const output = await sendAuthenticatedRequest.run({ ...context, input, idempotencyKey: "run_1:step_1" });
    expect(output).toMatchObject({ status: 200, body: { ok: true } });
    expect(api.tokensSeen).toEqual([readTokens(connection.id)!.accessToken]);
  });
});
