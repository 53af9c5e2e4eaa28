// Calling a protected resource with a token kept fresh: ahead of expiry, and once on a 401.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectorError, ReauthenticationRequiredError } from "@/lib/connectors/framework";
import { needsRefresh, type OAuthTokens, refreshTokens, withFreshToken } from "@/lib/connectors/oauth2/flow";
import { connectTestClient, serverConfig } from "@/tests/support/oauth-connect";
import { startOAuthServer, type TestOAuthServer } from "@/tests/support/oauth-server";
import { startResourceServer, type TestResourceServer } from "@/tests/support/oauth-resource-server";
import { testPort } from "@/tests/support/server";

const redirectUri = "http://127.0.0.1:3639/api/oauth/callback";
const client = { clientId: "app", clientSecret: "app-secret" };
const clients = [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [redirectUri] }];

let provider: TestOAuthServer;
let api: TestResourceServer;
let shortLived: TestOAuthServer;
let shortLivedApi: TestResourceServer;

beforeAll(async () => {
  [provider, shortLived] = await Promise.all([
    startOAuthServer({ port: testPort(3634), clients }),
    // Lifetimes count whole seconds from issue, so 2 s leaves a fresh token at least 1 s of life.
    startOAuthServer({ port: testPort(3636), clients, accessTokenTtl: 2 }),
  ]);
  [api, shortLivedApi] = await Promise.all([
    startResourceServer({ port: testPort(3635), introspect: (token) => provider.introspect(token) }),
    startResourceServer({ port: testPort(3637), introspect: (token) => shortLived.introspect(token) }),
  ]);
});

afterAll(async () => {
  await Promise.all([api.stop(), shortLivedApi.stop(), provider.stop(), shortLived.stop()]);
});

beforeEach(() => {
  api.tokensSeen.length = 0;
  shortLivedApi.tokensSeen.length = 0;
});

/** The options the engine would pass: refresh at this provider, and record what would be stored. */
function freshTokenOptions(at: TestOAuthServer) {
  const stored: OAuthTokens[] = [];
  const refresh = vi.fn((refreshToken: string) =>
    refreshTokens({ server: serverConfig(at), client, refreshToken, fetch }),
  );
  const onTokens = async (tokens: OAuthTokens) => {
    stored.push(tokens);
  };
  return { stored, refresh, onTokens };
}

const callWith = (url: string) => (accessToken: string) =>
  fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });

describe("needsRefresh", () => {
  const tokens = (expiresAt: number | null): OAuthTokens => ({
    accessToken: "a",
    refreshToken: "r",
    tokenType: "bearer",
    scope: null,
    expiresAt,
  });

  it("is due within the skew before expiry, and never when the provider gave no expiry", () => {
    const now = 1_000_000;
    expect(needsRefresh(tokens(now + 61_000), now)).toBe(false);
    expect(needsRefresh(tokens(now + 59_000), now)).toBe(true);
    expect(needsRefresh(tokens(now - 1), now)).toBe(true);
    expect(needsRefresh(tokens(now + 59_000), now, 30_000)).toBe(false);
    expect(needsRefresh(tokens(null), now)).toBe(false);
  });
});

describe("withFreshToken", () => {
  it("calls with a token far from expiry as it is", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    const options = freshTokenOptions(provider);
    const response = await withFreshToken(tokens, options, callWith(api.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(options.refresh).not.toHaveBeenCalled();
    expect(options.stored).toEqual([]);
    expect(api.tokensSeen).toEqual([tokens.accessToken]);
  });

  it("refreshes an access token past its expiry before the call, and stores the new tokens first", async () => {
    const tokens = await connectTestClient(shortLived, client, redirectUri);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, tokens.expiresAt! - Date.now()) + 50));
    expect((await callWith(shortLivedApi.url)(tokens.accessToken)).status).toBe(401);
    shortLivedApi.tokensSeen.length = 0;

    const options = freshTokenOptions(shortLived);
    const response = await withFreshToken(tokens, options, callWith(shortLivedApi.url));
    expect(response.status).toBe(200);
    expect(options.refresh).toHaveBeenCalledTimes(1);
    expect(options.stored).toHaveLength(1);
    expect(options.stored[0].accessToken).not.toBe(tokens.accessToken);
    expect(options.stored[0].refreshToken).toBe(tokens.refreshToken);
    expect(shortLivedApi.tokensSeen).toEqual([options.stored[0].accessToken]);
  });

  it("refreshes once and retries once when the resource refuses a token before its expiry", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    await provider.revokeAllAccessTokens();
    const refreshesBefore = provider.refreshCount();
    const options = freshTokenOptions(provider);
    const response = await withFreshToken(tokens, options, callWith(api.url));
    expect(response.status).toBe(200);
    expect(provider.refreshCount()).toBe(refreshesBefore + 1);
    expect(options.stored).toHaveLength(1);
    expect(api.tokensSeen).toEqual([tokens.accessToken, options.stored[0].accessToken]);
  });

  it("reports a second 401 instead of refreshing again", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    const refreshesBefore = provider.refreshCount();
    const options = freshTokenOptions(provider);
    const error = await withFreshToken(tokens, options, callWith(api.alwaysRefusingUrl)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toMatch(/refused the access token right after a refresh \(HTTP 401\)/);
    expect(provider.refreshCount()).toBe(refreshesBefore + 1);
    expect(api.tokensSeen).toHaveLength(2);
  });

  it("asks for reauthentication when the refresh after a 401 is refused, without a second call", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    await provider.revokeAllAccessTokens();
    await provider.revokeAllRefreshTokens();
    const options = freshTokenOptions(provider);
    const error = await withFreshToken(tokens, options, callWith(api.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect(options.stored).toEqual([]);
    expect(api.tokensSeen).toEqual([tokens.accessToken]);
  });

  it("asks for reauthentication, without calling, when an expired token has no refresh token", async () => {
    const call = vi.fn(callWith(api.url));
    const expired: OAuthTokens = { accessToken: "a", refreshToken: null, tokenType: "bearer", scope: null, expiresAt: Date.now() - 1 };
    const error = await withFreshToken(expired, freshTokenOptions(provider), call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect((error as Error).message).toMatch(/^The access token expired and the provider gave no refresh token/);
    expect(call).not.toHaveBeenCalled();
  });

  it("keeps the granted scope when a refresh response leaves it out", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    const stored: OAuthTokens[] = [];
    const response = await withFreshToken(
      { ...tokens, expiresAt: Date.now() - 1 },
      {
        refresh: async (refreshToken) => ({
          ...(await refreshTokens({ server: serverConfig(provider), client, refreshToken, fetch })),
          scope: null,
        }),
        onTokens: async (fresh) => {
          stored.push(fresh);
        },
      },
      callWith(api.url),
    );
    expect(response.status).toBe(200);
    expect(stored[0].scope).toBe("read");
  });
});
