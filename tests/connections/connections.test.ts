import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections } from "@/db/schema";
import { revokeAccessKey } from "@/lib/access-keys/access-keys";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { storedCredentials } from "@/lib/connections/connection-context";
import { connectionFormValues, getConnection, listConnections } from "@/lib/connections/connection-view";
import { createConnection } from "@/lib/connections/create-connection";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { DEPLOYED_MESSAGE, markReauthenticationRequired } from "@/lib/connections/mark-reauthentication-required";
import { testConnection } from "@/lib/connections/test-connection";
import { ConnectorError } from "@/lib/connectors/framework";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { apiAccount, keyFor } from "../support/api";
import { countRows, errorOf, newUser } from "../support/fixtures";
import { ownInstance, startServer, type TestServer } from "../support/server";

const INSTANCE = ownInstance(3560);
const PORT = INSTANCE.port;
const DOMAIN = INSTANCE.domain;

let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;
let globex: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  acme = await apiAccount("Acme");
  globex = await apiAccount("Globex");
  server = await startServer({ port: PORT, env: INSTANCE.env });
});

afterAll(async () => {
  await server?.stop();
});

let counter = 0;
const create = (admin = acme.admin, environment: "production" | "development" = "production") =>
  createConnection(admin, { name: `Orders API ${++counter}`, connectorKey: "kissflow", environment });

const prodCredentials = (key = acme.prodKey, account = acme) => ({ accountId: account.prodId, accountDomain: DOMAIN, accessKeyId: key.id, accessKeySecret: key.secret });
const row = (id: string) => getDb().select().from(connections).where(eq(connections.id, id)).get()!;

describe("creating a connection", () => {
  it("starts as Reauthentication required and never authenticated (Connect now)", () => {
    const view = createConnection(acme.admin, { name: "  Kissflow production  ", connectorKey: "kissflow", environment: "production" });
    expect(view).toMatchObject({
      name: "Kissflow production",
      connector: { key: "kissflow", name: "Kissflow" },
      environment: { id: acme.prodId, kind: "production" },
      status: "reauthentication_required",
      authenticated: false,
      authenticatedAt: null,
      authenticatedBy: null,
      lastTestedAt: null,
      lastTestOk: null,
      usedInCount: 0,
      secretsSet: { accessKeySecret: false },
    });
  });

  it("keeps names unique per environment, not across them", async () => {
    createConnection(acme.admin, { name: "Mailer", connectorKey: "email", environment: "production" });
    const error = await errorOf(() => createConnection(acme.admin, { name: "Mailer", connectorKey: "http", environment: "production" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fieldErrors).toEqual({ name: "This name is already used." });
    expect(createConnection(acme.admin, { name: "Mailer", connectorKey: "email", environment: "development" }).environment.kind).toBe("development");
  });

  it("needs a known connector that has credentials, and a name", async () => {
    for (const connectorKey of ["nope", "schedule", "utilities"]) {
      const error = await errorOf(() => createConnection(acme.admin, { name: `X ${connectorKey}`, connectorKey, environment: "production" }));
      expect(error, connectorKey).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual({ connectorKey: "Choose a connector that needs a connection." });
    }
    const error = await errorOf(() => createConnection(acme.admin, { name: " ", connectorKey: "kissflow", environment: "staging" }));
    expect((error as ValidationError).fieldErrors).toEqual({ name: "Connection name is required.", environment: "Choose Development or Production." });
  });
});

describe("authenticating", () => {
  it("stores the credentials encrypted, records who and when, and tests them", async () => {
    const connection = create();
    const before = Date.now();
    const { connection: view, test } = await authenticateConnection(acme.admin, connection.id, prodCredentials());
    expect(test.ok).toBe(true);
    expect(view).toMatchObject({ status: "connected", statusMessage: null, authenticated: true, authenticatedBy: { id: acme.admin.userId, name: "Ada Admin" }, secretsSet: { accessKeySecret: true } });
    expect(view.authenticatedAt).toBeGreaterThanOrEqual(before);
    expect(view.lastTestedAt).toBeGreaterThanOrEqual(before);
    // The column holds ciphertext only: no secret, no key ID, no Account ID in clear.
    const raw = row(connection.id).credentials!;
    expect(raw).toMatch(/^v1:/);
    for (const clear of [acme.prodKey.secret, acme.prodKey.id, acme.prodId, DOMAIN]) expect(raw).not.toContain(clear);
    expect(storedCredentials(row(connection.id))).toEqual(prodCredentials());
  });

  it("names each wrong field and stores nothing", async () => {
    const connection = create();
    const error = await errorOf(() => authenticateConnection(acme.admin, connection.id, { accountId: acme.prodId, accountDomain: "not a domain!" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      accountDomain: "Enter the Account domain as a host name such as acme.example.com (an optional :port is allowed).",
      accessKeyId: "Access key ID is required.",
      accessKeySecret: "Access key secret is required.",
    });
    expect(row(connection.id)).toMatchObject({ credentials: null, authenticatedAt: null, status: "reauthentication_required" });
  });

  it("leaves the previous credentials and status when a reauthentication is refused", async () => {
    const connection = create();
    await authenticateConnection(acme.admin, connection.id, prodCredentials());
    const before = row(connection.id);
    const error = await errorOf(() => authenticateConnection(acme.admin, connection.id, prodCredentials(acme.devKey)));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toMatch(/^Production credentials are needed/);
    expect(row(connection.id)).toEqual(before);
  });

  it("keeps the stored secret when it is left empty on reauthentication, and replaces the other fields", async () => {
    const connection = create();
    const first = keyFor(acme.admin, "production");
    await authenticateConnection(acme.admin, connection.id, prodCredentials(first));
    // A second key of the same user: new Access key ID, secret field left blank ("••••").
    const second = keyFor(acme.admin, "production");
    const result = await authenticateConnection(acme.admin, connection.id, { ...prodCredentials(second), accessKeySecret: "" });
    // The kept secret is the first key's, so the API refuses it with the second key's ID.
    expect(storedCredentials(row(connection.id))).toEqual({ ...prodCredentials(second), accessKeySecret: first.secret });
    expect(result.connection.status).toBe("failed");
    // With the secret typed in again, it is replaced.
    const fixed = await authenticateConnection(acme.admin, connection.id, prodCredentials(second));
    expect(fixed.connection.status).toBe("connected");
    expect(storedCredentials(row(connection.id))).toEqual(prodCredentials(second));
  });

  it("does not accept a blank secret on a first authentication", async () => {
    const connection = create();
    const error = await errorOf(() => authenticateConnection(acme.admin, connection.id, { ...prodCredentials(), accessKeySecret: "" }));
    expect((error as ValidationError).fieldErrors).toEqual({ accessKeySecret: "Access key secret is required." });
  });
});

describe("testing", () => {
  it("records the time, the result and the status, and turns Failed when the key is revoked", async () => {
    const key = keyFor(acme.admin, "production");
    const connection = create();
    await authenticateConnection(acme.admin, connection.id, prodCredentials(key));
    const ok = await testConnection(acme.admin, connection.id);
    expect(ok).toMatchObject({ ok: true, status: "connected" });
    revokeAccessKey(acme.admin, key.id);
    const before = Date.now();
    const failed = await testConnection(acme.admin, connection.id);
    expect(failed).toMatchObject({ ok: false, status: "failed", transient: false });
    expect(failed.message).toContain("This access key has been revoked.");
    expect(getConnection(acme.admin, connection.id)).toMatchObject({ status: "failed", statusMessage: failed.message, lastTestOk: false, lastTestMessage: failed.message });
    expect(getConnection(acme.admin, connection.id).lastTestedAt).toBeGreaterThanOrEqual(before);
  });

  it("asks to Connect now first when never authenticated", async () => {
    const error = await errorOf(() => testConnection(acme.admin, create().id));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe("This connection has not been authenticated yet: use Connect now first.");
  });
});

describe("reading connections", () => {
  it("lists an environment's connections by name, without credentials, to every role", async () => {
    const a = await apiAccount("Reader");
    const member = await newUser(a.admin, "member");
    const b = createConnection(a.admin, { name: "B connection", connectorKey: "kissflow", environment: "production" });
    createConnection(a.admin, { name: "A connection", connectorKey: "http", environment: "production" });
    createConnection(a.admin, { name: "Dev only", connectorKey: "http", environment: "development" });
    await authenticateConnection(a.admin, b.id, prodCredentials(a.prodKey, a));
    const list = listConnections(member, "production");
    expect(list.map((c) => c.name)).toEqual(["A connection", "B connection"]);
    expect(list[0].secretsSet).toEqual({ apiKeyValue: false, token: false, password: false });
    const json = JSON.stringify(list);
    expect(json).not.toContain(a.prodKey.secret);
    expect(json).not.toContain(a.prodKey.id);
    expect(json).not.toContain("credentials");
    expect(getConnection(member, b.id)).toEqual(list[1]);
  });

  it("gives builders the non-secret values to prefill the Reauthenticate form, never the secret", async () => {
    const connection = create();
    await authenticateConnection(acme.admin, connection.id, prodCredentials());
    expect(connectionFormValues(acme.admin, connection.id)).toEqual({
      values: { accountId: acme.prodId, accountDomain: DOMAIN, accessKeyId: acme.prodKey.id },
      secretsSet: { accessKeySecret: true },
    });
    const member = await newUser(acme.admin, "member");
    expect(await errorOf(() => connectionFormValues(member, connection.id))).toBeInstanceOf(ForbiddenError);
  });
});

describe("roles and accounts", () => {
  it("lets a builder manage connections and refuses a member", async () => {
    const builder = await newUser(acme.admin, "builder");
    const member = await newUser(acme.admin, "member");
    const connection = createConnection(builder, { name: "Built by a builder", connectorKey: "kissflow", environment: "production" });
    expect((await authenticateConnection(builder, connection.id, prodCredentials())).connection.status).toBe("connected");
    const rows = countRows(connections);
    for (const attempt of [
      () => createConnection(member, { name: "By a member", connectorKey: "kissflow", environment: "production" }),
      () => authenticateConnection(member, connection.id, prodCredentials()),
      () => testConnection(member, connection.id),
      () => deleteConnection(member, connection.id),
    ]) {
      const error = await errorOf(attempt);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toMatch(/^Only a builder or an admin can/);
    }
    expect(countRows(connections)).toBe(rows);
    expect(row(connection.id).status).toBe("connected");
  });

  it("answers Not found for another account's connection", async () => {
    const theirs = create(globex.admin);
    for (const attempt of [
      () => getConnection(acme.admin, theirs.id),
      () => authenticateConnection(acme.admin, theirs.id, prodCredentials()),
      () => testConnection(acme.admin, theirs.id),
      () => deleteConnection(acme.admin, theirs.id),
      () => connectionFormValues(acme.admin, theirs.id),
    ]) {
      const error = await errorOf(attempt);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("The connection was not found.");
    }
    expect(listConnections(acme.admin, "production").map((c) => c.id)).not.toContain(theirs.id);
    expect(row(theirs.id)).toBeDefined();
  });
});

describe("deleting and deploying", () => {
  it("deletes an unused connection", () => {
    const connection = create();
    deleteConnection(acme.admin, connection.id);
    expect(getDb().select().from(connections).where(eq(connections.id, connection.id)).get()).toBeUndefined();
  });

  it("marks a whole environment, or listed connections of it, Reauthentication required and keeps the credentials", async () => {
    const a = await apiAccount("Deployer");
    const one = createConnection(a.admin, { name: "One", connectorKey: "kissflow", environment: "production" });
    const two = createConnection(a.admin, { name: "Two", connectorKey: "kissflow", environment: "production" });
    const dev = createConnection(a.admin, { name: "Dev", connectorKey: "http", environment: "development" });
    for (const c of [one, two]) await authenticateConnection(a.admin, c.id, prodCredentials(a.prodKey, a));

    expect(markReauthenticationRequired({ environmentId: a.prod.id, connectionIds: [one.id, dev.id] })).toBe(1);
    expect(row(one.id)).toMatchObject({ status: "reauthentication_required", statusMessage: DEPLOYED_MESSAGE });
    expect(row(two.id).status).toBe("connected");

    expect(markReauthenticationRequired({ environmentId: a.prod.id })).toBe(2);
    expect(row(two.id).status).toBe("reauthentication_required");
    expect(row(dev.id).status).toBe("reauthentication_required");
    expect(row(dev.id).statusMessage).toBeNull();
    // Still authenticated once (Reauthenticate, not Connect now), credentials kept.
    expect(getConnection(a.admin, two.id)).toMatchObject({ authenticated: true, secretsSet: { accessKeySecret: true } });
    expect(storedCredentials(row(two.id))).toEqual(prodCredentials(a.prodKey, a));
  });
});
