import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { connections } from "@/db/schema";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { environmentOf } from "@/lib/environments";
import type { StepConfig } from "@/lib/integrations/definition";
import { createItems } from "@/lib/items/items";
import { errorOf } from "../support/fixtures";
import { HttpSession } from "../support/http-session";
import { startServer, type TestServer } from "../support/server";
import { integrationAccount, kissflowTrigger, type IntegrationAccount } from "../integrations/support";
import { eventually, onIntegration, runsOf } from "../engine/support";

// The key that encrypts connection credentials, damaged in the ways a data folder's can be: the
// server must refuse to start with one line that names the key's source and what to do, and
// leave the key file and the database exactly as they were (a key generated over existing
// encrypted data would make every credential unreadable for good). Then one stored credential
// corrupted in the database: the server starts, the connection asks to be authenticated again,
// and a run using it fails naming the connection, without ever showing the corrupted value.
const PORT = 3554;
const dataFile = (name: string) => path.join(process.env.DATA_DIR!, name);
const secretsFile = dataFile("secrets.json");

let original: Buffer;
let originalKey: string;
let a: IntegrationAccount;
let api: { id: string; name: string };

beforeAll(async () => {
  // The first start generates secrets.json and stores the key check; credentials are stored with that key.
  await (await startServer({ port: PORT })).stop();
  a = await integrationAccount();
  api = createConnection(a.admin, { name: "Orders API", connectorKey: "http", environment: "development" });
  await authenticateConnection(a.admin, api.id, { authType: "bearer", token: "orders-api-token-1234" });
  original = fs.readFileSync(secretsFile);
  originalKey = (JSON.parse(original.toString()) as { encryptionKey: string }).encryptionKey;
});

/** The key file and the database, byte for byte (the test's own connection closed, its log folded in). */
function dataFolderState() {
  closeDb();
  const hash = (file: string) => (fs.existsSync(file) ? crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex") : "absent");
  const wal = dataFile("app.db-wal");
  return { key: hash(secretsFile), database: hash(dataFile("app.db")), walBytes: fs.existsSync(wal) ? fs.statSync(wal).size : 0 };
}

/** Starts the server, which must refuse; returns the reason it printed (the one `Cannot start:` line). */
async function refusedStart(env: Record<string, string> = {}): Promise<string> {
  const error = (await errorOf(() => startServer({ port: PORT, env }))) as Error;
  expect(error.message).toMatch(/^The server exited with code 1 before it was healthy/);
  const reasons = error.message.split("\n").filter((line) => line.startsWith("Cannot start: "));
  expect(reasons).toHaveLength(1);
  // One line a person can act on: no stack trace around it.
  expect(error.message).not.toMatch(/^\s+at /m);
  return reasons[0];
}

const otherKey = () => crypto.randomBytes(32).toString("base64");
const withKey = (encryptionKey: string) => Buffer.from(JSON.stringify({ ...JSON.parse(original.toString()), encryptionKey }, null, 2));

describe("a damaged encryption key", () => {
  it.each([
    ["replaced by garbage", () => crypto.randomBytes(300), /secrets\.json cannot be read/],
    ["truncated", () => original.subarray(0, Math.floor(original.length / 2)), /secrets\.json cannot be read/],
    ["emptied", () => Buffer.alloc(0), /secrets\.json cannot be read/],
    ["holding a key that is not 32 bytes", () => withKey(crypto.randomBytes(16).toString("base64")), /The encryptionKey in .*secrets\.json is not a 32-byte key/],
    ["holding another valid key", () => withKey(otherKey()), /The encryptionKey in .*secrets\.json does not match the key that encrypted this data folder's credentials/],
  ])("refuses to start when the key file is %s, and changes neither the file nor the database", async (_case, damaged, reason) => {
    fs.writeFileSync(secretsFile, damaged());
    const before = dataFolderState();
    const line = await refusedStart();
    expect(line).toMatch(reason);
    expect(line).toContain(secretsFile);
    expect(line).toMatch(/Restore .*from your backup/);
    expect(dataFolderState()).toEqual(before);
  });

  it("refuses to start without the key file rather than generate a new key over encrypted credentials", async () => {
    fs.rmSync(secretsFile);
    const before = dataFolderState();
    const line = await refusedStart();
    expect(line).toMatch(/secrets\.json is missing, but this data folder's database holds credentials encrypted with the key it held/);
    expect(line).toMatch(/Restore .*from your backup/);
    expect(fs.existsSync(secretsFile)).toBe(false);
    expect(dataFolderState()).toEqual(before);
  });

  it("refuses a malformed or another APP_ENCRYPTION_KEY, naming it", async () => {
    fs.writeFileSync(secretsFile, original);
    const before = dataFolderState();
    expect(await refusedStart({ APP_ENCRYPTION_KEY: "too-short" })).toMatch(/APP_ENCRYPTION_KEY must be exactly 32 bytes/);
    expect(await refusedStart({ APP_ENCRYPTION_KEY: otherKey() })).toMatch(/APP_ENCRYPTION_KEY does not match the key that encrypted this data folder's credentials/);
    expect(dataFolderState()).toEqual(before);
  });
});

describe("a stored credential corrupted in the database", () => {
  let server: TestServer;
  let corrupted: string;
  // Its start and its end, where the flipped byte is: neither may appear anywhere a person looks.
  const showsCorrupted = (text: string) => text.includes(corrupted.slice(3, 40)) || text.includes(corrupted.slice(-24));

  beforeAll(async () => {
    fs.writeFileSync(secretsFile, original);
    const stored = getDb().select().from(connections).where(eq(connections.id, api.id)).get()!.credentials!;
    const raw = Buffer.from(stored.slice("v1:".length), "base64");
    raw[raw.length - 3] ^= 0x01;
    corrupted = `v1:${raw.toString("base64")}`;
    getDb().update(connections).set({ credentials: corrupted }).where(eq(connections.id, api.id)).run();
    // The same key given as APP_ENCRYPTION_KEY, in hex this time, is the same key.
    server = await startServer({ port: PORT, env: { APP_ENCRYPTION_KEY: Buffer.from(originalKey, "base64").toString("hex") } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("shows the connection as needing reauthentication instead of failing the page", async () => {
    const browser = new HttpSession(server.url);
    expect(await browser.signIn(a.email)).toBe(true);
    const list = await browser.get(`/apps/${a.app.id}/builder/connections`);
    const listHtml = await list.text();
    expect(list.status).toBe(200);
    expect(listHtml).toContain("Orders API");
    expect(listHtml).toContain("Reauthentication required");
    expect(listHtml).toContain("The stored credentials of this connection cannot be decrypted");
    // Its Reauthenticate form opens too, with nothing of the old credentials in it.
    const form = await browser.get(`/apps/${a.app.id}/builder/connections/${api.id}`);
    const formHtml = await form.text();
    expect(form.status).toBe(200);
    expect(formHtml).toContain("Reauthenticate and test");
    expect(showsCorrupted(listHtml + formHtml)).toBe(false);
  });

  it("fails a run that uses it with a message naming the connection, and marks it", async () => {
    const call: StepConfig = { id: "call", name: "Call the API", connectorKey: "http", actionKey: "send_request", connectionId: api.id, input: { method: "POST", url: "https://orders.example/api" } };
    const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [call] });
    createItems(a.admin, environmentOf(a.accountId, "development"), a.orders.id, [{ name: "needs the API" }]);

    await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("failed"), 20_000);
    const [run] = runsOf(integration.id);
    expect(run.error).toMatch(/^Step "Call the API": The stored credentials of the connection "Orders API" cannot be decrypted .*Reauthenticate/);
    expect(run.attempts).toBe(1);
    expect(getDb().select().from(connections).where(eq(connections.id, api.id)).get()).toMatchObject({ status: "reauthentication_required" });
    expect(showsCorrupted(run.error!)).toBe(false);
    expect(showsCorrupted(server.output())).toBe(false);
  });

  it("says so on Test connection too, and is mended by Reauthenticate", async () => {
    expect(await testConnection(a.admin, api.id)).toMatchObject({ ok: false, status: "reauthentication_required", message: expect.stringContaining('connection "Orders API" cannot be decrypted') });
    const { connection } = await authenticateConnection(a.admin, api.id, { authType: "bearer", token: "orders-api-token-5678" });
    expect(connection).toMatchObject({ status: "connected", statusMessage: null, secretsSet: { token: true } });
  });
});
