// Refreshing tokens against a real provider, and calling a resource that checks them by introspection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorError, ReauthenticationRequiredError } from "@/lib/connectors/framework";
import { type OAuthTokens, refreshTokens } from "@/lib/connectors/oauth2/flow";
import { REFRESH_REFUSED_MESSAGE } from "@/lib/connectors/oauth2/token-endpoint";
import { connectTestClient, serverConfig } from "@/tests/support/oauth-connect";
import { startOAuthServer, type TestOAuthServer } from "@/tests/support/oauth-server";
import { testPort } from "@/tests/support/server";

const redirectUri = "http://127.0.0.1:3629/api/oauth/callback";
const client = { clientId: "app", clientSecret: "app-secret" };
const clients = [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [redirectUri] }];

let provider: TestOAuthServer;
let rotating: TestOAuthServer;
let shortLived: TestOAuthServer;

beforeAll(async () => {
  [provider, rotating, shortLived] = await Promise.all([
    startOAuthServer({ port: testPort(3623), clients }),
    startOAuthServer({ port: testPort(3624), clients, rotateRefreshTokens: true }),
    startOAuthServer({ port: testPort(3625), clients, refreshTokenTtl: 1 }),
  ]);
});

afterAll(async () => {
  await Promise.all([provider.stop(), rotating.stop(), shortLived.stop()]);
});

function refresh(at: TestOAuthServer, refreshToken: string, fetchImpl: typeof fetch = fetch): Promise<OAuthTokens> {
  return refreshTokens({ server: serverConfig(at), client, refreshToken, fetch: fetchImpl });
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("refreshTokens", () => {
  it("gets a new access token and keeps the refresh token a provider that does not rotate left out", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    const before = Date.now();
    const refreshed = await refresh(provider, tokens.refreshToken!);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.expiresAt).toBeGreaterThanOrEqual(before + 3600_000 - 2_000);
    expect(await provider.introspect(refreshed.accessToken)).toBe(true);
  });

  it("takes the new refresh token from a provider that rotates them; the old one is then refused", async () => {
    const tokens = await connectTestClient(rotating, client, redirectUri);
    const refreshed = await refresh(rotating, tokens.refreshToken!);
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    const error = await rejection(refresh(rotating, tokens.refreshToken!));
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
  });

  it("asks for reauthentication when the provider revoked the refresh token", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    await provider.revokeAllRefreshTokens();
    const error = await rejection(refresh(provider, tokens.refreshToken!));
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect(error.message).toBe(REFRESH_REFUSED_MESSAGE);
    expect(error.transient).toBe(false);
  });

  it("asks for reauthentication when the refresh token expired", async () => {
    const tokens = await connectTestClient(shortLived, client, redirectUri);
    // Lifetimes are whole seconds from issue: past this, the provider holds it expired.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const error = await rejection(refresh(shortLived, tokens.refreshToken!));
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect(error.message).toBe(REFRESH_REFUSED_MESSAGE);
  });

  it("reports a provider it cannot reach as transient, not as a reason to reauthenticate", async () => {
    const tokens = await connectTestClient(provider, client, redirectUri);
    const unreachable = { ...serverConfig(provider), tokenUrl: `http://127.0.0.1:${testPort(3628)}/token` };
    const error = await rejection(
      refreshTokens({ server: unreachable, client, refreshToken: tokens.refreshToken!, fetch }),
    );
    expect(error).not.toBeInstanceOf(ReauthenticationRequiredError);
    expect(error.transient).toBe(true);
  });
});
