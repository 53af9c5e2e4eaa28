// The sealed cookie that carries a pending authorization from "Connect now" to the callback.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  PENDING_AUTHORIZATION_COOKIE,
  pendingAuthorizationCookieOptions,
  sealPendingAuthorization,
  unsealPendingAuthorization,
} from "@/lib/connections/oauth-state";
import { ConnectorError } from "@/lib/connectors/framework";
import { startAuthorization } from "@/lib/connectors/oauth2/flow";
import { ValidationError } from "@/lib/errors";

async function pending(returnTo = "/apps/app_1/manage/integrations?tab=connections") {
  const { state, codeVerifier } = await startAuthorization({
    authorizeUrl: "https://provider.example/authorize",
    clientId: "app",
    scopes: ["read"],
    redirectUri: "https://platform.example/api/oauth/callback",
  });
  return { connectionId: "conn_1", state, codeVerifier, returnTo };
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the pending authorization cookie", () => {
  it("round-trips through a seal that does not reveal the state or the verifier", async () => {
    const data = await pending();
    const sealed = await sealPendingAuthorization(data);
    expect(sealed).not.toContain(data.state);
    expect(sealed).not.toContain(data.codeVerifier);
    expect(sealed).not.toContain("conn_1");
    expect(await unsealPendingAuthorization(sealed)).toEqual(data);
  });

  it("refuses a seal changed in transit", async () => {
    const sealed = await sealPendingAuthorization(await pending());
    const parts = sealed.split("*");
    // Flip one character of the encrypted payload: the HMAC no longer matches.
    parts[4] = (parts[4][0] === "A" ? "B" : "A") + parts[4].slice(1);
    const error = await refusal(unsealPendingAuthorization(parts.join("*")));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toBe("This sign-in attempt could not be verified; start again with Connect now.");
    await expect(unsealPendingAuthorization("not-a-seal")).rejects.toThrow(/could not be verified/);
  });

  it("refuses a seal older than ten minutes", async () => {
    const sealed = await sealPendingAuthorization(await pending());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 9 * 60_000);
    expect((await unsealPendingAuthorization(sealed)).connectionId).toBe("conn_1");
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const error = await refusal(unsealPendingAuthorization(sealed));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toBe("This sign-in attempt expired (after 10 minutes); start again with Connect now.");
  });

  it("says so when the browser brought no cookie back", async () => {
    await expect(unsealPendingAuthorization(undefined)).rejects.toThrow(
      "No sign-in attempt is in progress in this browser; start again with Connect now.",
    );
  });

  it.each([
    "https://evil.example/steal",
    "//evil.example/steal",
    "/\\evil.example/steal",
    "/\tevil",
    "javascript:alert(1)",
    "apps/relative",
    "",
  ])("refuses to return to %j after the callback", async (returnTo) => {
    const error = await refusal(sealPendingAuthorization(await pending(returnTo)));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      returnTo: "The return address must be a path on this site, such as /apps.",
    });
  });

  it("is HttpOnly, SameSite=Lax and scoped to the OAuth routes, and Secure when the site is https", () => {
    const previous = process.env.PUBLIC_URL;
    try {
      process.env.PUBLIC_URL = "https://platform.example";
      expect(PENDING_AUTHORIZATION_COOKIE).toBe("oauth_pending");
      expect(pendingAuthorizationCookieOptions()).toEqual({
        httpOnly: true,
        sameSite: "lax",
        secure: true,
        path: "/api/oauth",
        maxAge: 600,
      });
      process.env.PUBLIC_URL = "http://127.0.0.1:3000";
      expect(pendingAuthorizationCookieOptions().secure).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = previous;
    }
  });
});
