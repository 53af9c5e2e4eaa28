// OAuth apps under My settings: admins manage their account's, every role lists them without the
// secret, OAUTH_APPS adds read-only ones, and connections choose one.
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { oauthClients } from "@/db/schema";
import { getConnection } from "@/lib/connections/connection-view";
import { createConnection } from "@/lib/connections/create-connection";
import { createOAuthApp, deleteOAuthApp, getOAuthApp, listOAuthApps, resolveOAuthApp, updateOAuthApp } from "@/lib/connections/oauth-apps";
import { environmentOAuthApps } from "@/lib/connections/oauth-apps-from-env";
import { summarizeConnector, getConnector } from "@/lib/connectors/registry";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { errorOf, newAccount, newUser } from "../support/fixtures";

const SECRET = "s3cr3t-client-secret-value";
const fields = (overrides: Record<string, string> = {}) => ({
  name: "Acme CRM",
  authorizeUrl: "https://crm.example/oauth/authorize",
  tokenUrl: "https://crm.example/oauth/token",
  scopes: "  contacts.read   offline_access ",
  clientId: "client-123",
  clientSecret: SECRET,
  ...overrides,
});

const storedRow = (id: string) => getDb().select().from(oauthClients).where(eq(oauthClients.id, id)).get()!;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("OAuth apps of an account", () => {
  it("are added by an admin with the secret encrypted, and listed to every role without it", async () => {
    const { admin } = await newAccount();
    const app = createOAuthApp(admin, fields({ testUrl: "https://crm.example/me" }));
    expect(app).toEqual({
      id: expect.stringMatching(/^oap_/),
      name: "Acme CRM",
      authorizeUrl: "https://crm.example/oauth/authorize",
      tokenUrl: "https://crm.example/oauth/token",
      scopes: "contacts.read offline_access",
      clientId: "client-123",
      secretSet: true,
      issuer: null,
      authMethod: "client_secret_basic",
      testUrl: "https://crm.example/me",
      source: "account",
      usedByCount: 0,
    });
    expect(storedRow(app.id).clientSecret).toMatch(/^v1:/);
    expect(storedRow(app.id).clientSecret).not.toContain(SECRET);
    for (const role of ["builder", "member"] as const) {
      const views = listOAuthApps(await newUser(admin, role));
      expect(views.map((view) => view.name)).toEqual(["Acme CRM"]);
      expect(JSON.stringify(views)).not.toContain(SECRET);
    }
    expect(resolveOAuthApp(admin.accountId, app.id).client).toEqual({ clientId: "client-123", clientSecret: SECRET, authMethod: "client_secret_basic" });
  });

  it("can be changed and deleted by admins only", async () => {
    const { admin } = await newAccount();
    const app = createOAuthApp(admin, fields());
    const builder = await newUser(admin, "builder");
    for (const attempt of [
      () => createOAuthApp(builder, fields({ name: "Other" })),
      () => updateOAuthApp(builder, app.id, fields({ name: "Renamed" })),
      () => deleteOAuthApp(builder, app.id),
    ]) {
      const error = await errorOf(attempt);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toMatch(/^Only an admin can (add|change|delete) OAuth apps\.$/);
    }
    expect(getOAuthApp(admin, app.id).name).toBe("Acme CRM");
  });

  it("keeps the stored secret when a change leaves it empty, and replaces it when one is typed", async () => {
    const { admin } = await newAccount();
    const app = createOAuthApp(admin, fields());
    const changed = updateOAuthApp(admin, app.id, fields({ name: "Acme CRM EU", clientSecret: "", authMethod: "client_secret_post", issuer: "https://crm.example" }));
    expect(changed).toMatchObject({ name: "Acme CRM EU", authMethod: "client_secret_post", issuer: "https://crm.example", secretSet: true });
    expect(resolveOAuthApp(admin.accountId, app.id).client.clientSecret).toBe(SECRET);
    updateOAuthApp(admin, app.id, fields({ clientSecret: "a-new-secret" }));
    expect(resolveOAuthApp(admin.accountId, app.id).client.clientSecret).toBe("a-new-secret");
  });

  it("names each wrong field, and needs a secret for a new app", async () => {
    const { admin } = await newAccount();
    const error = await errorOf(() =>
      createOAuthApp(admin, { name: " ", authorizeUrl: "crm.example/authorize", tokenUrl: "http://crm.example/token", scopes: 'read "all"', clientId: "", clientSecret: "", authMethod: "jwt", testUrl: "https://user:pw@crm.example/me" }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      name: "Name is required.",
      authorizeUrl: "Authorize URL must be a full address such as https://provider.example/oauth/token.",
      tokenUrl: "Token URL must start with https:// (http:// is accepted only for this machine, with ALLOW_PRIVATE_NETWORK=true).",
      scopes: "Scopes are names separated by spaces, without quotes or backslashes.",
      clientId: "Client ID is required.",
      clientSecret: "Client secret is required.",
      authMethod: "Choose how the client secret is sent.",
      testUrl: "Test URL may not contain a user name or password.",
    });
  });

  it("accepts plain http only to this machine, and only while private addresses are allowed", async () => {
    const { admin } = await newAccount();
    const loopback = { authorizeUrl: "http://127.0.0.1:3999/auth", tokenUrl: "http://localhost:3999/token" };
    const refused = await errorOf(() => createOAuthApp(admin, fields(loopback)));
    expect(Object.keys((refused as ValidationError).fieldErrors!)).toEqual(["authorizeUrl", "tokenUrl"]);
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const local = createOAuthApp(admin, fields({ ...loopback, name: "Local" }));
    expect(resolveOAuthApp(admin.accountId, local.id).server).toMatchObject({ tokenUrl: "http://localhost:3999/token", allowInsecureRequests: true });
    const remote = await errorOf(() => createOAuthApp(admin, fields({ name: "Remote", tokenUrl: "http://10.0.0.5/token" })));
    expect((remote as ValidationError).fieldErrors).toEqual({ tokenUrl: expect.stringMatching(/^Token URL must start with https:\/\//) });
  });

  it("keeps names unique in the account, and other accounts' apps out of sight", async () => {
    const { admin } = await newAccount();
    const { admin: other } = await newAccount("Globex");
    const app = createOAuthApp(admin, fields());
    const error = await errorOf(() => createOAuthApp(admin, fields()));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fieldErrors).toEqual({ name: "This name is already used." });
    expect(createOAuthApp(other, fields()).name).toBe("Acme CRM");
    expect(listOAuthApps(other)).toHaveLength(1);
    expect(await errorOf(() => updateOAuthApp(other, app.id, fields()))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => deleteOAuthApp(other, app.id))).toBeInstanceOf(NotFoundError);
    expect(() => resolveOAuthApp(other.accountId, app.id)).toThrow(/no longer exists/);
  });

  it("cannot be deleted while a connection signs in through it", async () => {
    const { admin } = await newAccount();
    const app = createOAuthApp(admin, fields());
    const connection = createConnection(admin, { name: "CRM", connectorKey: "oauth2", environment: "production", oauthAppId: app.id });
    createConnection(admin, { name: "CRM dev", connectorKey: "oauth2", environment: "development", oauthAppId: app.id });
    expect(getOAuthApp(admin, app.id).usedByCount).toBe(2);
    const error = await errorOf(() => deleteOAuthApp(admin, app.id));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('"Acme CRM" is used by 2 connections: delete them first.');
    expect(getConnection(admin, connection.id).oauthApp).toEqual({ id: app.id, name: "Acme CRM" });

    const unused = createOAuthApp(admin, fields({ name: "Unused" }));
    deleteOAuthApp(admin, unused.id);
    expect(listOAuthApps(admin).map((view) => view.name)).toEqual(["Acme CRM"]);
  });
});

describe("OAuth apps from OAUTH_APPS", () => {
  const shared = { name: "Shared CRM", authorizeUrl: "https://crm.example/a", tokenUrl: "https://crm.example/t", scopes: "read", clientId: "shared", clientSecret: "env-secret" };

  it("are offered to every account read-only, without their secret", async () => {
    vi.stubEnv("OAUTH_APPS", JSON.stringify([shared]));
    const { admin } = await newAccount();
    const { admin: other } = await newAccount("Globex");
    for (const actor of [admin, other, await newUser(admin, "member")]) {
      expect(listOAuthApps(actor)).toEqual([expect.objectContaining({ id: "env:Shared CRM", name: "Shared CRM", source: "environment", secretSet: true })]);
      expect(JSON.stringify(listOAuthApps(actor))).not.toContain("env-secret");
    }
    expect(await errorOf(() => updateOAuthApp(admin, "env:Shared CRM", shared))).toBeInstanceOf(ForbiddenError);
    const refused = await errorOf(() => deleteOAuthApp(admin, "env:Shared CRM"));
    expect((refused as Error).message).toBe('"Shared CRM" is set in the server\'s OAUTH_APPS environment variable: change it there.');
    expect(await errorOf(() => createOAuthApp(admin, { ...shared, name: "Shared CRM" }))).toBeInstanceOf(ConflictError);
    const connection = createConnection(admin, { name: "Shared", connectorKey: "oauth2", environment: "production", oauthAppId: "env:Shared CRM" });
    expect(connection.oauthApp).toEqual({ id: "env:Shared CRM", name: "Shared CRM" });
    expect(resolveOAuthApp(other.accountId, "env:Shared CRM").client.clientSecret).toBe("env-secret");
  });

  it("say what is wrong with the variable, keeping the apps that are right", () => {
    vi.stubEnv("OAUTH_APPS", JSON.stringify([shared, { ...shared, name: "Broken", tokenUrl: "ftp://x", clientSecret: "hidden-value" }, shared]));
    const { apps, problem } = environmentOAuthApps();
    expect(apps.map((app) => app.name)).toEqual(["Shared CRM"]);
    expect(problem).toBe(
      'OAUTH_APPS has apps that were left out. App 2: Token URL must start with https:// (http:// is accepted only for this machine, with ALLOW_PRIVATE_NETWORK=true). App 3: another app is named "Shared CRM".',
    );
    expect(problem).not.toContain("hidden-value");
    vi.stubEnv("OAUTH_APPS", "{not json");
    expect(environmentOAuthApps()).toEqual({ apps: [], problem: "OAUTH_APPS is not valid JSON." });
  });
});

describe("connections and OAuth apps", () => {
  it("need an OAuth app of the account for the OAuth 2.0 app connector, and may have one for HTTP request", async () => {
    const { admin } = await newAccount();
    const { admin: other } = await newAccount("Globex");
    const app = createOAuthApp(admin, fields());
    const foreign = createOAuthApp(other, fields());
    const create = (connectorKey: string, oauthAppId?: string) => () => createConnection(admin, { name: `C ${Math.random()}`, connectorKey, environment: "production", oauthAppId });

    expect(((await errorOf(create("oauth2"))) as ValidationError).fieldErrors).toEqual({ oauthAppId: "Choose an OAuth app." });
    expect(((await errorOf(create("oauth2", ""))) as ValidationError).fieldErrors).toEqual({ oauthAppId: "Choose an OAuth app." });
    expect(((await errorOf(create("oauth2", foreign.id))) as ValidationError).fieldErrors).toEqual({ oauthAppId: "Choose one of the account's OAuth apps." });
    expect(((await errorOf(create("kissflow", app.id))) as ValidationError).fieldErrors).toEqual({ oauthAppId: "Kissflow does not sign in through an OAuth app." });

    expect(create("oauth2", app.id)()).toMatchObject({ connector: { key: "oauth2", name: "OAuth 2.0 app" }, oauthApp: { id: app.id }, secretsSet: {}, authenticated: false });
    expect(create("http", app.id)().oauthApp).toEqual({ id: app.id, name: "Acme CRM" });
    expect(create("http")().oauthApp).toBeNull();
  });

  it("say in the connector summary whether a new connection needs an OAuth app", () => {
    expect(summarizeConnector(getConnector("oauth2")!).auth).toMatchObject({ kind: "oauth2", fields: [], oauthApp: "required" });
    expect(summarizeConnector(getConnector("http")!).auth.oauthApp).toBe("optional");
    expect(summarizeConnector(getConnector("kissflow")!).auth.oauthApp).toBe("none");
    expect(summarizeConnector(getConnector("oauth2")!).actions.map((action) => action.name)).toEqual(["Send authenticated request"]);
  });
});
