// /api/oauth/start and /api/oauth/callback over real HTTP against the built server, with a person
// signed in through next-auth and a real provider on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConnection } from "@/lib/connections/connection-view";
import { ACCESS_DENIED_MESSAGE } from "@/lib/connectors/oauth2/flow";
import { newAccount, newUser } from "../support/fixtures";
import { HttpSession } from "../support/http-session";
import { oauthConnection, providerClient } from "../support/oauth-connections";
import { startOAuthServer, type TestOAuthServer } from "../support/oauth-server";
import { signInAtProvider } from "../support/oauth-user-agent";
import { startServer, testPort, type TestServer } from "../support/server";

const PORT = testPort(3676);
const PUBLIC_URL = `http://127.0.0.1:${PORT}`;
process.env.PUBLIC_URL = PUBLIC_URL;
process.env.ALLOW_PRIVATE_NETWORK = "true";
const RETURN_TO = "/apps/app_1/manage/integrations/connections";

let server: TestServer;
let provider: TestOAuthServer;
let acme: Awaited<ReturnType<typeof newAccount>>;

beforeAll(async () => {
  provider = await startOAuthServer({ port: testPort(3677), clients: [providerClient()] });
  acme = await newAccount();
  server = await startServer({ port: PORT, env: { PUBLIC_URL, NEXTAUTH_URL: PUBLIC_URL, ALLOW_PRIVATE_NETWORK: "true" } });
});

afterAll(async () => {
  await Promise.all([server?.stop(), provider?.stop()]);
});

/** A person's HTTP session against this server (`signIn` expects success). */
class Browser extends HttpSession {
  constructor() {
    super(PUBLIC_URL);
  }

  async signIn(email: string): Promise<boolean> {
    const signedIn = await super.signIn(email);
    expect(signedIn).toBe(true);
    return signedIn;
  }
}

const startPath = (connectionId: string, returnTo = RETURN_TO) => `/api/oauth/start?${new URLSearchParams({ connectionId, returnTo })}`;

describe("/api/oauth/start", () => {
  it("sends a visitor who is not signed in to sign in, then back to the page", async () => {
    const response = await new Browser().get(startPath("con_anything"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${PUBLIC_URL}/sign-in?callbackUrl=${encodeURIComponent(RETURN_TO)}`);
  });

  it("answers 404 for another account's connection, and sends a member back with the reason", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const { email } = await newAccount("Globex");
    const outsider = new Browser();
    await outsider.signIn(email);
    expect((await outsider.get(startPath(connection.id))).status).toBe(404);

    const member = await newUser(acme.admin, "member");
    const browser = new Browser();
    await browser.signIn(member.email);
    const response = await browser.get(startPath(connection.id, "https://evil.example/"));
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/apps`);
    expect(back.searchParams.get("oauth_error")).toBe("Only a builder or an admin can authenticate connections.");
    expect(browser.cookies.has("oauth_pending")).toBe(false);
  });
});

describe("/api/oauth/callback", () => {
  it("goes back to Apps with an error, and clears the cookie, when the pending cookie was tampered with", async () => {
    const browser = new Browser();
    await browser.signIn(acme.email);
    browser.cookies.set("oauth_pending", "Fe26.2**tampered*value");
    const response = await browser.get("/api/oauth/callback?code=abc&state=def");
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location")!);
    expect(back.pathname).toBe("/apps");
    expect(back.searchParams.get("oauth_error")).toBe("This sign-in attempt could not be verified; start again with Connect now.");
    expect(response.headers.getSetCookie().find((line) => line.startsWith("oauth_pending="))).toMatch(/Path=\/api\/oauth.*Max-Age=0|Max-Age=0.*Path=\/api\/oauth/i);
  });
});

describe("Connect now in the browser", () => {
  it("signs in at the provider and comes back Connected, the pending cookie spent", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const browser = new Browser();
    await browser.signIn(acme.email);

    const started = await browser.get(startPath(connection.id));
    expect(started.status).toBe(302);
    const authorize = started.headers.get("location")!;
    expect(authorize.startsWith(`${provider.authorizeUrl}?`)).toBe(true);
    const pending = started.headers.getSetCookie().find((line) => line.startsWith("oauth_pending="))!;
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/SameSite=lax/i);
    expect(pending).toMatch(/Path=\/api\/oauth/);

    const callback = await signInAtProvider(authorize, { username: "ada", decision: "Allow", redirectUri: `${PUBLIC_URL}/api/oauth/callback` });
    const finished = await browser.get(callback.pathname + callback.search);
    expect(finished.status).toBe(302);
    expect(finished.headers.get("location")).toBe(`${PUBLIC_URL}${RETURN_TO}?oauth=connected`);
    expect(browser.cookies.has("oauth_pending")).toBe(false);
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "connected", authenticated: true, authenticatedBy: { id: acme.admin.userId } });
  });

  it("comes back with the provider's message when consent is denied, the connection unchanged", async () => {
    const { connection } = oauthConnection(acme.admin, provider);
    const browser = new Browser();
    await browser.signIn(acme.email);
    const authorize = (await browser.get(startPath(connection.id))).headers.get("location")!;
    const callback = await signInAtProvider(authorize, { username: "ada", decision: "Deny", redirectUri: `${PUBLIC_URL}/api/oauth/callback` });
    const finished = await browser.get(callback.pathname + callback.search);
    const back = new URL(finished.headers.get("location")!);
    expect(back.pathname).toBe(RETURN_TO);
    expect(back.searchParams.get("oauth_error")).toBe(ACCESS_DENIED_MESSAGE);
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "reauthentication_required", authenticated: false });
  });
});
