// The authorization code flow with PKCE against a real OAuth provider on loopback.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectorError } from "@/lib/connectors/framework";
import {
  ACCESS_DENIED_MESSAGE,
  completeAuthorization,
  type OAuthClientConfig,
  STATE_MISMATCH_MESSAGE,
  startAuthorization,
} from "@/lib/connectors/oauth2/flow";
import { serverConfig } from "@/tests/support/oauth-connect";
import { startOAuthServer, type TestOAuthServer } from "@/tests/support/oauth-server";
import { signInAtProvider } from "@/tests/support/oauth-user-agent";
import { testPort } from "@/tests/support/server";

const PROVIDER_PORT = testPort(3610);
const redirectUri = "http://127.0.0.1:3611/api/oauth/callback";
const basicClient: OAuthClientConfig = { clientId: "basic-app", clientSecret: "basic-secret" };
const postClient: OAuthClientConfig = {
  clientId: "post-app",
  clientSecret: "post-secret",
  authMethod: "client_secret_post",
};

let provider: TestOAuthServer;

beforeAll(async () => {
  provider = await startOAuthServer({
    port: PROVIDER_PORT,
    clients: [
      { client_id: basicClient.clientId, client_secret: basicClient.clientSecret, redirect_uris: [redirectUri] },
      {
        client_id: postClient.clientId,
        client_secret: postClient.clientSecret,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
  });
});

afterAll(async () => {
  await provider.stop();
});

/** Starts an attempt and lets the person answer the provider's pages. */
async function attempt(client: OAuthClientConfig, decision: "Allow" | "Deny" = "Allow") {
  const pending = await startAuthorization({
    authorizeUrl: provider.authorizeUrl,
    clientId: client.clientId,
    scopes: ["read"],
    redirectUri,
  });
  const callbackUrl = await signInAtProvider(pending.url, { username: "ada", decision, redirectUri });
  return { pending, callbackUrl };
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("startAuthorization", () => {
  it("sends a state and an S256 challenge of the verifier it keeps, never the verifier itself", async () => {
    const pending = await startAuthorization({
      authorizeUrl: "https://provider.example/oauth/authorize?tenant=acme",
      clientId: "app",
      scopes: ["read", "write"],
      redirectUri,
      extraParams: { prompt: "consent", state: "chosen-by-caller", code_challenge_method: "plain" },
    });
    const url = new URL(pending.url);
    const expectedChallenge = crypto.createHash("sha256").update(pending.codeVerifier).digest("base64url");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: "acme",
      prompt: "consent",
      response_type: "code",
      client_id: "app",
      redirect_uri: redirectUri,
      scope: "read write",
      state: pending.state,
      code_challenge: expectedChallenge,
      code_challenge_method: "S256",
    });
    expect(pending.state).not.toBe("chosen-by-caller");
    expect(pending.url).not.toContain(pending.codeVerifier);
  });
});

describe("completeAuthorization", () => {
  it("exchanges the code from the provider's callback for an access token, a refresh token and an expiry", async () => {
    const { pending, callbackUrl } = await attempt(basicClient);
    const before = Date.now();
    const tokens = await completeAuthorization({
      server: serverConfig(provider),
      client: basicClient,
      redirectUri,
      callbackUrl,
      expectedState: pending.state,
      codeVerifier: pending.codeVerifier,
      fetch,
    });
    expect(tokens).toMatchObject({ tokenType: "bearer", scope: "read" });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3600_000 - 2_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(await provider.introspect(tokens.accessToken)).toBe(true);
  });

  it("authenticates the client in the request body when the app is set to client_secret_post", async () => {
    const { pending, callbackUrl } = await attempt(postClient);
    const tokens = await completeAuthorization({
      server: serverConfig(provider),
      client: postClient,
      redirectUri,
      callbackUrl,
      expectedState: pending.state,
      codeVerifier: pending.codeVerifier,
      fetch,
    });
    expect(await provider.introspect(tokens.accessToken)).toBe(true);
  });

  it("refuses a callback that does not carry this attempt's state, without calling the token endpoint", async () => {
    const { pending, callbackUrl } = await attempt(basicClient);
    const spy = vi.fn(fetch);
    const error = await rejection(
      completeAuthorization({
        server: serverConfig(provider),
        client: basicClient,
        redirectUri,
        callbackUrl,
        expectedState: `${pending.state}-other`,
        codeVerifier: pending.codeVerifier,
        fetch: spy,
      }),
    );
    expect(error.message).toBe(STATE_MISMATCH_MESSAGE);
    expect(spy).not.toHaveBeenCalled();
  });

  it("reports consent denied at the provider as access denied", async () => {
    const { pending, callbackUrl } = await attempt(basicClient, "Deny");
    expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
    const error = await rejection(
      completeAuthorization({
        server: serverConfig(provider),
        client: basicClient,
        redirectUri,
        callbackUrl,
        expectedState: pending.state,
        codeVerifier: pending.codeVerifier,
        fetch,
      }),
    );
    expect(error.message).toBe(ACCESS_DENIED_MESSAGE);
    expect(error.transient).toBe(false);
  });

  it("refuses to exchange the same code a second time", async () => {
    const { pending, callbackUrl } = await attempt(basicClient);
    const input = {
      server: serverConfig(provider),
      client: basicClient,
      redirectUri,
      callbackUrl,
      expectedState: pending.state,
      codeVerifier: pending.codeVerifier,
      fetch,
    };
    const first = await completeAuthorization(input);
    const error = await rejection(completeAuthorization(input));
    expect(error.message).toMatch(/refused the authorization code \(invalid_grant\).*start again with Connect now/);
    expect(error.transient).toBe(false);
    // The provider treats a replayed code as stolen and revokes what it issued for it.
    expect(await provider.introspect(first.accessToken)).toBe(false);
  });

  it("refuses a code presented with another attempt's PKCE verifier", async () => {
    const { pending, callbackUrl } = await attempt(basicClient);
    const other = await startAuthorization({ authorizeUrl: provider.authorizeUrl, clientId: "x", scopes: [], redirectUri });
    const error = await rejection(
      completeAuthorization({
        server: serverConfig(provider),
        client: basicClient,
        redirectUri,
        callbackUrl,
        expectedState: pending.state,
        codeVerifier: other.codeVerifier,
        fetch,
      }),
    );
    expect(error.message).toMatch(/invalid_grant/);
  });

  it("names the OAuth app settings when the provider refuses the client secret", async () => {
    const { pending, callbackUrl } = await attempt(basicClient);
    const error = await rejection(
      completeAuthorization({
        server: serverConfig(provider),
        client: { ...basicClient, clientSecret: "wrong" },
        redirectUri,
        callbackUrl,
        expectedState: pending.state,
        codeVerifier: pending.codeVerifier,
        fetch,
      }),
    );
    expect(error.message).toMatch(/refused the OAuth client ID or secret \(invalid_client\)/);
    expect(error.transient).toBe(false);
  });

  it("refuses a callback from an issuer other than the one configured", async () => {
    const { pending, callbackUrl } = await attempt(basicClient);
    const error = await rejection(
      completeAuthorization({
        server: { ...serverConfig(provider), issuer: "https://another-provider.example" },
        client: basicClient,
        redirectUri,
        callbackUrl,
        expectedState: pending.state,
        codeVerifier: pending.codeVerifier,
        fetch,
      }),
    );
    expect(error.message).toMatch(/different issuer than https:\/\/another-provider\.example/);
  });
});
