// Upgrades: a database written by an older Boardflow (tests/fixtures/schema-0004-with-data.sql,
// made by the services of commit 7ee172a) is migrated on start with its data intact; migrations
// wait for a live lock holder and take over a dead one's;
// a database newer than the code stops the server with the version it needs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, openDatabase } from "@/db/client";
import { newestKnownMigration } from "@/db/migrations-state";
import { checkCredentials } from "@/lib/auth/sign-in";
import { storedCredentials } from "@/lib/connections/connection-context";
import { connectionOfAccount } from "@/lib/connections/find-connection";
import { processIsAlive } from "@/lib/processes";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

const fixtures = path.join(__dirname, "..", "fixtures");
const fixture = JSON.parse(fs.readFileSync(path.join(fixtures, "schema-0004-with-data.json"), "utf8"));
const fixtureSql = fs.readFileSync(path.join(fixtures, "schema-0004-with-data.sql"), "utf8");
const keys = { APP_ENCRYPTION_KEY: fixture.encryptionKey, NEXTAUTH_SECRET: "upgrade-fixture-session-secret" };

function writeOldDatabase(file: string): void {
  fs.rmSync(file, { force: true });
  const old = new Database(file);
  old.exec(fixtureSql);
  old.close();
}

const databaseFile = () => path.join(process.env.DATA_DIR!, "app.db");

beforeAll(() => {
  Object.assign(process.env, keys);
  closeDb();
  writeOldDatabase(databaseFile());
});

afterAll(() => {
  for (const name of Object.keys(keys)) delete process.env[name];
});

describe("a database from an older version", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ port: 3364, env: keys });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is migrated once, up to this version's newest migration", () => {
    const applied = getDb().all<{ hash: string; created_at: number }>(sql`select hash, created_at from __drizzle_migrations`);
    expect(new Set(applied.map((row) => row.hash)).size).toBe(applied.length);
    expect(Math.max(...applied.map((row) => row.created_at))).toBe(newestKnownMigration());
  });

  it("keeps its items, which the server serves over the REST API, and their board keeps its form", async () => {
    const items = await api(server.url, fixture.accessKey).get(`${fixture.accountId}/boards/${fixture.ordersBoardId}/items`);
    expect(items.status).toBe(200);
    expect(items.body.data.map((item: { values: Record<string, unknown> }) => item.values)).toEqual(
      expect.arrayContaining([
        { customer: "Ada Lovelace", amount: 120.5, stage: "Paid" },
        { customer: "Grace Hopper", amount: 80, stage: "New" },
        { customer: "Alan Turing", amount: null, stage: "Shipped" },
      ]),
    );
    const created = await api(server.url, fixture.accessKey).post(`${fixture.accountId}/boards/${fixture.ordersBoardId}/items`, { customer: "Edsger Dijkstra", stage: "New" });
    expect(created.status).toBe(201);
  });

  it("keeps its users' passwords and its connections' credentials, under the same key", async () => {
    const signIn = await checkCredentials(fixture.adminEmail, fixture.password);
    expect(signIn.ok).toBe(true);
    const admin = { accountId: fixture.accountId };
    const { connection } = connectionOfAccount(admin, fixture.smtpConnectionId);
    expect(storedCredentials(connection)).toMatchObject({ user: "mailer", password: fixture.smtpPassword });
  });
});

describe("the migration lock", () => {
  const lockOf = (file: string) => `${file}.migrating`;

  it("waits while a live process holds it, then migrates", () => {
    const file = path.join(process.env.DATA_DIR!, "locked.db");
    writeOldDatabase(file);
    // Not a child of this process: a child that ended stays a zombie until this (blocked) process reaps it.
    const holder = Number(spawnSync("sh", ["-c", "sleep 1 >/dev/null 2>&1 & echo $!"], { encoding: "utf8" }).stdout);
    fs.writeFileSync(lockOf(file), String(holder));
    const handle = openDatabase(file);
    expect(processIsAlive(holder)).toBe(false);
    expect(handle.db.get<{ newest: number }>(sql`select max(created_at) as newest from __drizzle_migrations`).newest).toBe(newestKnownMigration());
    expect(fs.existsSync(lockOf(file))).toBe(false);
    handle.sqlite.close();
  });

  it("takes over a lock left by a process that died", () => {
    const file = path.join(process.env.DATA_DIR!, "abandoned.db");
    writeOldDatabase(file);
    const gone = spawnSync("true").pid;
    fs.writeFileSync(lockOf(file), String(gone));
    openDatabase(file).sqlite.close();
    expect(fs.existsSync(lockOf(file))).toBe(false);
  });
});

it("a database newer than the code stops the server with the version it needs, and is left as it was", async () => {
  closeDb();
  const newer = new Database(databaseFile());
  newer.exec(`insert into __drizzle_migrations (hash, created_at) values ('from-a-later-version', ${newestKnownMigration() + 1})`);
  newer.exec(`update instance_settings set value = '9.9.0' where key = 'schema_migrated_by'`);
  newer.close();
  const before = fs.readFileSync(databaseFile());
  const error = await startServer({ port: 3366, env: keys }).then(
    () => null,
    (failure: Error) => failure,
  );
  expect(error?.message).toMatch(/Cannot start: The database .*app\.db was upgraded by Boardflow 9\.9\.0; this is Boardflow \d+\.\d+\.\d+, which cannot read it\. Start Boardflow 9\.9\.0 or later on this data folder/);
  expect(fs.readFileSync(databaseFile()).equals(before)).toBe(true);
});
