import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getHandle } from "@/db/client";

// Each test gets its own data folder inside the one tests/support/setup.ts made for this file,
// and a fresh copy of the config module with nothing remembered from earlier calls, as in a
// process that has just started.
const baseDir = process.env.DATA_DIR!;

function freshDataDir(): string {
  const dir = path.join(baseDir, crypto.randomUUID());
  vi.stubEnv("DATA_DIR", dir);
  return dir;
}

async function freshConfig() {
  delete (globalThis as { __appSecrets?: unknown }).__appSecrets;
  vi.resetModules();
  return import("@/lib/config");
}

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", undefined);
  vi.stubEnv("APP_ENCRYPTION_KEY", undefined);
  vi.stubEnv("DATABASE_PATH", undefined);
});

afterEach(() => {
  closeDb();
  vi.unstubAllEnvs();
  delete (globalThis as { __appSecrets?: unknown }).__appSecrets;
});

describe("generated secrets", () => {
  it("are written once to secrets.json in the data folder, readable by the owner only", async () => {
    const dir = freshDataDir();
    const config = await freshConfig();
    const authSecret = config.authSecret();
    const file = path.join(dir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
      nextAuthSecret: authSecret,
      encryptionKey: config.encryptionKeyMaterial(),
    });
    // Nothing else is left behind (no temporary file).
    expect(fs.readdirSync(dir)).toEqual(["secrets.json"]);
  });

  it("are strong: 256 random bits each", async () => {
    freshDataDir();
    const config = await freshConfig();
    expect(Buffer.from(config.authSecret(), "base64url")).toHaveLength(32);
    expect(Buffer.from(config.encryptionKeyMaterial(), "base64")).toHaveLength(32);
  });

  it("are reused after a restart, not generated again", async () => {
    const dir = freshDataDir();
    const first = await freshConfig();
    const secrets = { auth: first.authSecret(), key: first.encryptionKeyMaterial() };
    const written = fs.readFileSync(path.join(dir, "secrets.json"), "utf8");

    const restarted = await freshConfig();
    expect(restarted).not.toBe(first);
    expect({ auth: restarted.authSecret(), key: restarted.encryptionKeyMaterial() }).toEqual(secrets);
    expect(fs.readFileSync(path.join(dir, "secrets.json"), "utf8")).toBe(written);
  });

  it("differ between data folders", async () => {
    freshDataDir();
    const one = (await freshConfig()).authSecret();
    freshDataDir();
    const two = (await freshConfig()).authSecret();
    expect(one).not.toBe(two);
  });

  it("are read from a secrets.json another process already wrote, never overwritten", async () => {
    const dir = freshDataDir();
    fs.mkdirSync(dir, { recursive: true });
    const theirs = { nextAuthSecret: "their-auth-secret", encryptionKey: Buffer.alloc(32, 7).toString("base64") };
    fs.writeFileSync(path.join(dir, "secrets.json"), JSON.stringify(theirs), { mode: 0o600 });
    const config = await freshConfig();
    expect(config.authSecret()).toBe("their-auth-secret");
    expect(config.encryptionKeyMaterial()).toBe(theirs.encryptionKey);
  });
});

describe("secrets from the environment", () => {
  it("win over the generated ones", async () => {
    const dir = freshDataDir();
    const generated = await freshConfig();
    const fromFile = generated.authSecret();
    vi.stubEnv("NEXTAUTH_SECRET", "auth-from-env");
    vi.stubEnv("APP_ENCRYPTION_KEY", "key-from-env");
    const config = await freshConfig();
    expect(config.authSecret()).toBe("auth-from-env");
    expect(config.encryptionKeyMaterial()).toBe("key-from-env");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8")).nextAuthSecret).toBe(fromFile);
  });

  it("mean no secrets.json is written when both are set", async () => {
    const dir = freshDataDir();
    vi.stubEnv("NEXTAUTH_SECRET", "auth-from-env");
    vi.stubEnv("APP_ENCRYPTION_KEY", "key-from-env");
    const config = await freshConfig();
    config.authSecret();
    config.encryptionKeyMaterial();
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
  });

  it("can be set one at a time, the other being generated", async () => {
    freshDataDir();
    vi.stubEnv("APP_ENCRYPTION_KEY", "key-from-env");
    const config = await freshConfig();
    expect(config.encryptionKeyMaterial()).toBe("key-from-env");
    expect(config.authSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("the database", () => {
  it("is created as app.db in the data folder, in WAL mode, with foreign keys enforced", () => {
    const dir = freshDataDir();
    const handle = getHandle();
    expect(handle.path).toBe(path.join(dir, "app.db"));
    expect(fs.existsSync(handle.path)).toBe(true);
    expect(handle.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(handle.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("is migrated when opened: every table exists", () => {
    freshDataDir();
    const tables = getHandle()
      .sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "accounts",
        "environments",
        "users",
        "sign_in_throttles",
        "access_keys",
        "apps",
        "boards",
        "items",
        "item_changes",
        "idempotency_keys",
        "__drizzle_migrations",
      ]),
    );
  });

  it("is migrated once: opening it again applies nothing twice", () => {
    freshDataDir();
    const count = () => getHandle().sqlite.prepare("SELECT COUNT(*) AS n FROM __drizzle_migrations").get() as { n: number };
    const first = count().n;
    closeDb();
    expect(count().n).toBe(first);
    expect(first).toBeGreaterThan(0);
  });

  it("lives at DATABASE_PATH when that is set", () => {
    const dir = freshDataDir();
    const file = path.join(dir, "elsewhere", "custom.db");
    vi.stubEnv("DATABASE_PATH", file);
    expect(getHandle().path).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
  });
});
