// The services behind the connection forms (app/(app)/apps/[appId]/connection-actions.ts calls
// createConnection and authenticateConnection; My settings > OAuth apps calls createOAuthApp and
// updateOAuthApp) with random field values for every connector kind: refused with a message
// naming the field and nothing written (stored credentials untouched), or accepted and stored as
// read. No random host is ever called: fields that lead to the network get only values that must
// be refused, or the closed loopback port; no-outbound.ts stops and records anything else.
import dnsPromises from "node:dns/promises";
import net from "node:net";
import { fc, it } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, afterEach, beforeAll, describe, expect, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, connections, oauthClients } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { storedCredentials } from "@/lib/connections/connection-context";
import { createConnection } from "@/lib/connections/create-connection";
import { changedOAuthAppSchema } from "@/lib/connections/oauth-app-schema";
import { createOAuthApp, getOAuthApp, updateOAuthApp } from "@/lib/connections/oauth-apps";
import type { FieldsConnectorAuth } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { AppError } from "@/lib/errors";
import { countRows, newAccount } from "../support/fixtures";
import { testPort } from "../support/server";
import { allowOnlyClosedLoopbackPort, expectClosed } from "./no-outbound";
import { anyText, expectFieldMessagesNamed, expectReadable, nonTextJson, textOfLength } from "./support";

const CLOSED_PORT = testPort(3575);
let admin: Actor;
let guard: { attempts: string[] };

beforeAll(async () => {
  await expectClosed(CLOSED_PORT);
  // Private addresses allowed, so an accepted form really tries the closed loopback port.
  process.env.ALLOW_PRIVATE_NETWORK = "true";
  guard = allowOnlyClosedLoopbackPort(CLOSED_PORT);
  ({ admin } = await newAccount());
});

afterEach(() => {
  expect(guard.attempts.splice(0), "outbound attempts other than the closed loopback port").toEqual([]);
});

afterAll(() => {
  vi.restoreAllMocks();
  delete process.env.ALLOW_PRIVATE_NETWORK;
});

describe("the test's network guard", () => {
  it("stops and records a look-up of another host and a connection to another port", async () => {
    const refused = (connect: () => net.Socket) =>
      new Promise<string | undefined>((resolve) => connect().once("error", (error: NodeJS.ErrnoException) => resolve(error.code)).once("connect", () => resolve("connected")));
    expect(await refused(() => net.connect(CLOSED_PORT + 1, "127.0.0.1"))).toBe("ECONNREFUSED");
    await expect(dnsPromises.lookup("smtp.example.com")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(guard.attempts.splice(0)).toEqual([`connect 127.0.0.1:${CLOSED_PORT + 1}`, "lookup smtp.example.com"]);
  });
});

const blank = fc.constantFrom("", " ", "\t\n");
/** Text that is no host name: it holds a character host names never do. */
const notAHost = fc.tuple(fc.string(), fc.constantFrom(" ", "@", "_", "/x", "?", "#", "\\", "..", ":x", "%")).map(([text, bad]) => `${text}${bad}${text}`);
const tooLong = (max: number) => textOfLength(max + 1, max + 5_000);

/**
 * A form: values that pass (for connections, pointing at the closed port), values each field must
 * refuse, and the fields any value may go into (for connections: no network address hangs on them).
 */
type Form = { valid: Record<string, unknown>; refused: Record<string, fc.Arbitrary<unknown>>; free: string[] };

const FORMS: (Form & { connectorKey: string })[] = [
  {
    connectorKey: "kissflow",
    valid: { accountId: "AcTest01-dev", accountDomain: `127.0.0.1:${CLOSED_PORT}`, accessKeyId: "AK1", accessKeySecret: "a secret" },
    refused: {
      // A Development connection takes a Development Account ID only (it ends in -dev).
      accountId: fc.oneof(blank, nonTextJson(), tooLong(40), fc.string({ minLength: 1, maxLength: 30 }).filter((id) => id.trim() !== "" && !id.trim().endsWith("-dev"))),
      accountDomain: fc.oneof(blank, nonTextJson(), notAHost, fc.integer({ min: 254, max: 5_000 }).map((n) => "a".repeat(n))),
      accessKeyId: fc.oneof(blank, nonTextJson(), tooLong(100)),
      // An empty secret keeps the stored one; blanks and other values do not.
      accessKeySecret: fc.oneof(fc.constantFrom(" ", "\t"), nonTextJson(), tooLong(200)),
    },
    free: ["accessKeyId", "accessKeySecret"],
  },
  {
    connectorKey: "email",
    valid: { host: "127.0.0.1", port: String(CLOSED_PORT), secure: false, user: "ada", password: "pw", from: "Ada <ada@example.com>" },
    refused: {
      host: fc.oneof(blank, nonTextJson(), notAHost, fc.integer({ min: 254, max: 5_000 }).map((n) => "a".repeat(n))),
      // Nothing that reads as a number from 1 to 65535 (true and [5] would).
      port: fc.oneof(fc.constantFrom("", "0", "-1", "65536", "1.5", "http", null, {}), fc.integer({ min: 65_536 }), fc.string().map((text) => `${text}x`)),
      from: fc.oneof(blank, nonTextJson(), fc.string().map((text) => text.replaceAll("@", "")), tooLong(500)),
      user: fc.oneof(nonTextJson().filter((value) => value !== null && typeof value !== "string"), tooLong(500)),
    },
    free: ["secure", "user", "password", "from", "testRecipient"],
  },
  {
    connectorKey: "http",
    valid: { authType: "bearer", token: "a token", testUrl: `http://127.0.0.1:${CLOSED_PORT}/me` },
    refused: {
      authType: fc.oneof(nonTextJson(), fc.string().filter((type) => !["none", "api_key", "bearer", "basic"].includes(type))),
      token: fc.oneof(nonTextJson(), tooLong(4000)),
      testUrl: fc.oneof(fc.string({ minLength: 1 }).filter((text) => text.trim() !== "").map((text) => `x${text}`), fc.constantFrom("ftp://example.com", "javascript:alert(1)", "http://", "//example.com"), tooLong(2000).map((text) => `https://a.example/${text}`)),
    },
    free: ["authType", "apiKeyIn", "apiKeyName", "apiKeyValue", "username", "password", "token"],
  },
  {
    connectorKey: "webhook",
    valid: { signingSecret: "a signing secret of some length" },
    refused: { signingSecret: fc.oneof(nonTextJson(), fc.string({ minLength: 1, maxLength: 15 }), tooLong(200)) },
    free: ["signingSecret"],
  },
];

type Mutation = { key: string; value: unknown; mustRefuse: boolean };

/** 1 to 3 fields changed: to a value the field must refuse, or (a free field) to any value. */
function mutations(form: Form) {
  const one = fc.oneof(
    fc.constantFrom(...Object.keys(form.refused)).chain((key) => form.refused[key].map((value): Mutation => ({ key, value, mustRefuse: true }))),
    fc.record({ key: fc.constantFrom(...form.free, "unknownField"), value: fc.oneof(anyText(), nonTextJson(), fc.constant(undefined)), mustRefuse: fc.constant(false) }),
  );
  return fc.uniqueArray(one, { minLength: 1, maxLength: 3, selector: (mutation) => mutation.key });
}

/** The form's values with `changes` applied. */
function applied(values: Record<string, unknown>, changes: Mutation[]): Record<string, unknown> {
  const input = { ...values };
  for (const { key, value } of changes) input[key] = value;
  return input;
}

/**
 * A refusal is a product error naming fields by the words of `labels` (a choice may be asked for
 * with "Choose …"), and, since the values were valid before, at least one of the changed fields.
 */
function expectRefusalNames(error: unknown, changes: Mutation[], labels: Record<string, string>, choices: string[] = []): void {
  expect(error).toBeInstanceOf(AppError);
  const fieldErrors = (error as AppError).fieldErrors ?? {};
  expectFieldMessagesNamed(fieldErrors, (key) => {
    if (!Object.hasOwn(labels, key)) return null;
    return choices.includes(key) && fieldErrors[key].startsWith("Choose ") ? "Choose" : labels[key];
  });
  const changed = changes.map((change) => change.key);
  expect(Object.keys(fieldErrors).some((key) => changed.includes(key)), `${Object.keys(fieldErrors)} should name one of ${changed}`).toBe(true);
}

/** What a call threw, or null when it returned. */
const thrownBy = (call: () => unknown): Promise<unknown> => Promise.resolve().then(call).then(() => null, (error: unknown) => error);

/** An accepted form had no value that must be refused. */
function expectNothingToRefuse(changes: Mutation[]): void {
  expect(changes.some((change) => change.mustRefuse), `accepted: ${JSON.stringify(changes)}`).toBe(false);
}

/** `create` adds one row to `table` and `check` approves it, or it is refused naming a changed field and adds none. */
async function expectCreatedOrRefused<T>(table: SQLiteTable, changes: Mutation[], create: () => T, check: (created: T) => void, labels: Record<string, string>, choices: string[]): Promise<void> {
  const before = countRows(table);
  let created: T | undefined;
  const error = await thrownBy(() => (created = create()));
  if (error === null) {
    expectNothingToRefuse(changes);
    expect(countRows(table)).toBe(before + 1);
    check(created!);
    return;
  }
  expectRefusalNames(error, changes, labels, choices);
  expect(countRows(table)).toBe(before);
}

const rowOf = (id: string) => getDb().select().from(connections).where(eq(connections.id, id)).get()!;

describe.each(FORMS)("Connect now and Reauthenticate for $connectorKey", (form) => {
  let connectionId: string;
  const auth = () => getConnector(form.connectorKey)!.auth as FieldsConnectorAuth<unknown>;

  beforeAll(async () => {
    connectionId = createConnection(admin, { name: `Random ${form.connectorKey}`, connectorKey: form.connectorKey, environment: "development" }).id;
    await authenticateConnection(admin, connectionId, form.valid);
  });

  it.prop([mutations(form)], { numRuns: 40 })("stores exactly what the form says, or refuses naming the field and keeps the stored credentials", async (changes) => {
    const input = applied(form.valid, changes);
    const before = { row: rowOf(connectionId), audit: countRows(auditLog), connections: countRows(connections) };
    const error = await thrownBy(() => authenticateConnection(admin, connectionId, input));
    if (error === null) {
      expectNothingToRefuse(changes);
      const stored = storedCredentials(rowOf(connectionId))!;
      // An empty secret keeps the stored one; everything else is stored as the form's schema reads it.
      const secrets = auth().fields.filter((field) => field.secret).map((field) => field.key);
      const kept = Object.fromEntries(secrets.filter((key) => input[key] === undefined || input[key] === "").map((key) => [key, storedCredentials(before.row)![key]]));
      expect(stored).toEqual(auth().schema.parse({ ...input, ...kept }));
      // The connection test against the closed port failed, or had nothing to call: either way it says why.
      expectReadable(rowOf(connectionId).lastTestMessage);
      expect(rowOf(connectionId).lastTestMessage).not.toContain("unexpectedly");
      return;
    }
    const fields = auth().fields;
    expectRefusalNames(error, changes, Object.fromEntries(fields.map((field) => [field.key, field.label])), fields.filter((field) => field.type === "select").map((field) => field.key));
    expect({ row: rowOf(connectionId), audit: countRows(auditLog), connections: countRows(connections) }).toEqual(before);
  }, 60_000);
});

describe("a new connection", () => {
  const form: Form = {
    valid: { name: "Orders", connectorKey: "kissflow", environment: "production" },
    refused: {
      name: fc.oneof(blank, nonTextJson(), tooLong(80)),
      connectorKey: fc.oneof(nonTextJson(), fc.constantFrom("schedule", "utilities", "nope"), fc.string().filter((key) => !getConnector(key))),
      environment: fc.oneof(nonTextJson(), fc.string().filter((kind) => kind !== "development" && kind !== "production")),
      // Kissflow signs in with its form, never through an OAuth app.
      oauthAppId: fc.string({ minLength: 1, maxLength: 200 }),
    },
    free: ["name", "connectorKey", "environment", "oauthAppId"],
  };
  const LABELS = { name: "name", connectorKey: "connector", environment: "Production", oauthAppId: "OAuth app" };
  let created = 0;

  it.prop([mutations(form)], { numRuns: 60 })("is created once as named, or refused naming the field with nothing written", async (changes) => {
    // A name of its own each time: taking an earlier run's name is a refusal the changes did not cause.
    const input = applied({ ...form.valid, name: `Orders ${++created}` }, changes);
    await expectCreatedOrRefused(
      connections,
      changes,
      () => createConnection(admin, input),
      (view) => expect(view).toMatchObject({ name: String(input.name).trim(), connector: { key: input.connectorKey }, environment: { kind: input.environment }, authenticated: false }),
      LABELS,
      ["connectorKey", "environment", "oauthAppId"],
    );
  });
});

describe("OAuth apps", () => {
  /** Not an https address (plain http only reaches this machine), or too long. */
  const badUrl = fc.oneof(
    fc.constantFrom("http://provider.example/oauth", "ftp://provider.example/", "https://ada:pw@provider.example/", "//provider.example/x", "provider.example"),
    fc.string({ minLength: 1 }).filter((text) => text.trim() !== "" && !URL.canParse(text.trim())),
    tooLong(2000).map((text) => `https://provider.example/oauth/${text}`),
  );
  const form: Form = {
    valid: { name: "Acme CRM", authorizeUrl: "https://provider.example/oauth/authorize", tokenUrl: "https://provider.example/oauth/token", scopes: "read write", clientId: "client-1", clientSecret: "s3cret", authMethod: "client_secret_post" },
    refused: {
      name: fc.oneof(blank, nonTextJson(), tooLong(80)),
      authorizeUrl: fc.oneof(blank, badUrl),
      tokenUrl: fc.oneof(blank, badUrl),
      issuer: badUrl,
      testUrl: badUrl,
      scopes: fc.tuple(fc.string(), fc.constantFrom('"', "\\")).map(([text, bad]) => `read ${text}${bad}`),
      clientId: fc.oneof(blank, nonTextJson(), tooLong(500)),
      clientSecret: fc.oneof(nonTextJson(), tooLong(4000)),
      authMethod: fc.oneof(nonTextJson().filter((value) => value !== null), fc.string().filter((method) => method !== "client_secret_basic" && method !== "client_secret_post")),
    },
    free: ["name", "scopes", "clientId", "clientSecret", "issuer", "testUrl"],
  };
  const LABELS = { name: "Name", authorizeUrl: "Authorize URL", tokenUrl: "Token URL", scopes: "Scopes", clientId: "Client ID", clientSecret: "Client secret", authMethod: "Client authentication", issuer: "Issuer", testUrl: "Test URL" };
  const rowOfApp = (id: string) => getDb().select().from(oauthClients).where(eq(oauthClients.id, id)).get()!;
  /** What an accepted form shows afterwards: each setting as the schema reads it (absent optionals null, never the secret). */
  const settingsOf = (input: Record<string, unknown>) => {
    const { clientSecret: _secret, issuer, testUrl, ...settings } = changedOAuthAppSchema.parse(input);
    return { ...settings, issuer: issuer ?? null, testUrl: testUrl ?? null, secretSet: true };
  };
  let named = 0;

  it.prop([mutations(form)], { numRuns: 60 })("are added as entered, or refused naming the field with nothing written", async (changes) => {
    const input = applied({ ...form.valid, name: `Acme CRM ${++named}` }, changes);
    await expectCreatedOrRefused(oauthClients, changes, () => createOAuthApp(admin, input), (view) => expect(view).toEqual(expect.objectContaining(settingsOf(input))), LABELS, ["authMethod"]);
  });

  it.prop([mutations(form)], { numRuns: 40 })("are changed as entered, or refused naming the field and left as they were", async (changes) => {
    const { id } = createOAuthApp(admin, { ...form.valid, name: `Acme ERP ${++named}` });
    const before = rowOfApp(id);
    const input = applied({ ...form.valid, name: before.name }, changes);
    const error = await thrownBy(() => updateOAuthApp(admin, id, input));
    if (error === null) {
      expectNothingToRefuse(changes);
      expect(getOAuthApp(admin, id)).toEqual(expect.objectContaining(settingsOf(input)));
      // An empty secret keeps the stored one.
      if (input.clientSecret === "" || input.clientSecret === undefined) expect(rowOfApp(id).clientSecret).toBe(before.clientSecret);
      return;
    }
    expectRefusalNames(error, changes, LABELS, ["authMethod"]);
    expect(rowOfApp(id)).toEqual(before);
  });
});
