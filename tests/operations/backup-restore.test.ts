// Backup and restore (`npm run backup` / `npm run restore`) against the data folder of the real
// server: a backup taken while webhooks keep arriving is a consistent copy that restores into a
// fresh folder with its key; everything that should stop a restore stops it and changes nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWithoutMigrating } from "@/db/client";
import { connections, runs } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { decryptSecret, parseEncryptionKey } from "@/lib/connections/secrets";
import { backupDataFolder } from "@/lib/operations/backup";
import { lastBackup } from "@/lib/operations/last-backup";
import { OperationError } from "@/lib/operations/operation-error";
import { restoreDataFolder } from "@/lib/operations/restore";
import { webhookToken } from "@/lib/webhooks/token";
import { onIntegration } from "../engine/support";
import { errorOf, newAccount, newBoard } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { shoutStep, webhookTrigger } from "../triggers/support";

const SIGNING_SECRET = "backup-signing-secret-7f3a";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-backups-"));
const liveDataDir = process.env.DATA_DIR!;
let server: TestServer;
let admin: Actor;
let hookUrl: string;
let connectionId: string;
let backupFile: string;

/** Runs `fn` with DATA_DIR pointing at `dir`: the operations act on the data folder of the environment. */
async function inDataDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  process.env.DATA_DIR = dir;
  try {
    return await fn();
  } finally {
    process.env.DATA_DIR = liveDataDir;
  }
}

/** Posts webhooks from 10 senders until `stop` resolves; returns the run IDs the server acknowledged, and when. */
async function webhookBurst(stop: Promise<unknown>) {
  const acknowledged: { runId: number; at: number }[] = [];
  let stopped = false;
  void stop.finally(() => (stopped = true));
  const sender = async (n: number) => {
    for (let i = 0; !stopped; i++) {
      const response = await fetch(hookUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: `order ${n}-${i}` }) });
      expect(response.status).toBe(202);
      const { runIds } = (await response.json()) as { runIds: number[] };
      acknowledged.push(...runIds.map((runId) => ({ runId, at: Date.now() })));
    }
  };
  await Promise.all(Array.from({ length: 10 }, (_, n) => sender(n)));
  return acknowledged;
}

function runCli(script: string, args: string[], dataDir: string) {
  const result = spawnSync("npx", ["tsx", `scripts/${script}.ts`, ...args], { encoding: "utf8", env: { ...process.env, DATA_DIR: dataDir } });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

beforeAll(async () => {
  ({ admin } = await newAccount());
  const { app } = newBoard(admin);
  const signing = createConnection(admin, { name: "Order signing", connectorKey: "webhook", environment: "development" });
  await authenticateConnection(admin, signing.id, { signingSecret: SIGNING_SECRET });
  connectionId = signing.id;
  const integration = onIntegration(admin, app.id, { trigger: webhookTrigger(), steps: [shoutStep()] }, "Catch orders");
  server = await startServer({ port: 3365 });
  hookUrl = `${server.url}/api/hooks/${webhookToken(integration.id, "development")}`;
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("a backup taken while the server writes", () => {
  it("restores into a fresh folder: intact, its key opens the credentials, and it holds every run acknowledged before it began", async () => {
    backupFile = path.join(work, "boardflow.tar.gz");
    let began = 0;
    const backup = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => {
      began = Date.now();
      return backupDataFolder(backupFile);
    });
    const acknowledged = await webhookBurst(backup);
    const { manifest } = await backup;
    expect(manifest.secretsIncluded).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(manifest.runs);

    const restoredDir = path.join(work, "restored");
    const result = await inDataDir(restoredDir, () => restoreDataFolder(backupFile));
    expect(result.movedAsideTo).toBeNull();

    const restored = openWithoutMigrating(path.join(restoredDir, "app.db"), { readonly: true });
    try {
      expect(restored.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      const runIds = new Set(restored.db.select({ id: runs.id }).from(runs).all().map((row) => row.id));
      expect(runIds.size).toBe(manifest.runs);
      const before = acknowledged.filter((ack) => ack.at < began);
      expect(before.length).toBeGreaterThan(0);
      expect(before.filter((ack) => !runIds.has(ack.runId))).toEqual([]);

      const { encryptionKey } = JSON.parse(fs.readFileSync(path.join(restoredDir, "secrets.json"), "utf8")) as { encryptionKey: string };
      const stored = restored.db.select({ credentials: connections.credentials }).from(connections).where(eq(connections.id, connectionId)).get()!;
      expect(JSON.parse(decryptSecret(stored.credentials!, connectionId, parseEncryptionKey(encryptionKey)))).toEqual({ signingSecret: SIGNING_SECRET });
    } finally {
      restored.sqlite.close();
    }
    expect(lastBackup()).toMatchObject({ file: backupFile, at: manifest.createdAt });
  });
});

describe("a restore that must not happen", () => {
  function fileCounts(dir: string) {
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : null;
  }

  it("refuses while the server runs on the data folder, and leaves it as it was", async () => {
    const files = fileCounts(liveDataDir);
    const error = await errorOf(() => restoreDataFolder(backupFile, { replace: true }));
    expect(error).toBeInstanceOf(OperationError);
    expect((error as Error).message).toMatch(/The server \(process \d+\) is running on .*: stop it, then restore/);
    expect(fileCounts(liveDataDir)).toEqual(files);
  });

  it("refuses to overwrite a data folder that holds a database unless asked, and then moves the old one aside", async () => {
    const dir = path.join(work, "occupied");
    await inDataDir(dir, () => restoreDataFolder(backupFile));
    const error = await inDataDir(dir, () => errorOf(() => restoreDataFolder(backupFile)));
    expect((error as Error).message).toContain("already holds a database");
    const { movedAsideTo } = await inDataDir(dir, () => restoreDataFolder(backupFile, { replace: true }));
    expect(fs.readdirSync(movedAsideTo!).sort()).toEqual(["app.db", "secrets.json"]);
  });

  it.each([
    ["a truncated backup", (file: string) => fs.writeFileSync(file, fs.readFileSync(backupFile).subarray(0, 4096)), /is not a Boardflow backup, or it is incomplete/],
    ["a file that is not a backup", (file: string) => fs.writeFileSync(file, "name,amount\nAda,3\n"), /is not a Boardflow backup/],
  ])("refuses %s, and creates nothing", async (_, write, message) => {
    const file = path.join(work, "bad.tar.gz");
    write(file);
    const dir = path.join(work, "never-restored");
    const error = await inDataDir(dir, () => errorOf(() => restoreDataFolder(file)));
    expect(error).toBeInstanceOf(OperationError);
    expect((error as Error).message).toMatch(message);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("refuses a key that does not open the backup's credentials, naming APP_ENCRYPTION_KEY", async () => {
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
    try {
      const error = await inDataDir(path.join(work, "wrong-key"), () => errorOf(() => restoreDataFolder(backupFile)));
      expect((error as Error).message).toMatch(/The encryption key from APP_ENCRYPTION_KEY is not the one this backup's credentials were encrypted with/);
    } finally {
      delete process.env.APP_ENCRYPTION_KEY;
    }
  });

  it("says the key must come from APP_ENCRYPTION_KEY when the backup was taken without one", async () => {
    process.env.APP_ENCRYPTION_KEY = JSON.parse(fs.readFileSync(path.join(liveDataDir, "secrets.json"), "utf8")).encryptionKey;
    const file = path.join(work, "keys-elsewhere.tar.gz");
    const secrets = path.join(liveDataDir, "secrets.json");
    const kept = fs.readFileSync(secrets);
    fs.rmSync(secrets);
    try {
      const { manifest, notes } = await backupDataFolder(file);
      expect(manifest.secretsIncluded).toBe(false);
      expect(notes.join(" ")).toContain("APP_ENCRYPTION_KEY and is not in the backup");
    } finally {
      fs.writeFileSync(secrets, kept, { mode: 0o600 });
      delete process.env.APP_ENCRYPTION_KEY;
    }
    const error = await inDataDir(path.join(work, "no-key"), () => errorOf(() => restoreDataFolder(file)));
    expect((error as Error).message).toMatch(/does not hold the encryption key .*set APP_ENCRYPTION_KEY to that key/);
  });

  it("refuses a backup taken by a newer version", async () => {
    const dir = path.join(work, "newer-source");
    await inDataDir(dir, () => restoreDataFolder(backupFile));
    const newer = openWithoutMigrating(path.join(dir, "app.db"));
    newer.sqlite.exec(`insert into __drizzle_migrations (hash, created_at) values ('from-the-future', ${Date.now() + 86_400_000})`);
    newer.sqlite.close();
    const file = path.join(work, "newer.tar.gz");
    await inDataDir(dir, () => backupDataFolder(file));
    const error = await inDataDir(path.join(work, "older-code"), () => errorOf(() => restoreDataFolder(file)));
    expect((error as Error).message).toContain("taken by a newer version of Boardflow: upgrade this installation first");
  });
});

describe("the commands", () => {
  it("print their usage, or one line that says what went wrong, with an exit code", () => {
    expect(runCli("backup", [], liveDataDir)).toMatchObject({ status: 2, stderr: "Usage: npm run backup -- <file>" });
    const refused = runCli("restore", [path.join(work, "missing.tar.gz")], path.join(work, "cli"));
    expect(refused.status).toBe(1);
    expect(refused.stderr.split("\n")).toEqual([`There is no file ${path.join(work, "missing.tar.gz")}.`]);
    const restored = runCli("restore", [backupFile], path.join(work, "cli"));
    expect(restored).toMatchObject({ status: 0, stderr: "" });
    expect(restored.stdout).toMatch(/^Restored the backup of .* runs\) into .*cli\.\nStart the server to use it\.$/);
  });
});

it("a restored folder starts, and serves with the restored key", async () => {
  const restoredServer = await inDataDir(path.join(work, "restored"), () => startServer({ port: 3361 }));
  try {
    expect((await fetch(`${restoredServer.url}/api/health`)).status).toBe(200);
  } finally {
    await restoredServer.stop();
  }
});
