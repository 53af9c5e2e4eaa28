import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { instanceSettings } from "@/db/schema";
import {
  assertEncryptionKeyMatches,
  decryptSecret,
  DecryptionError,
  encryptSecret,
  EncryptionKeyError,
  parseEncryptionKey,
} from "@/lib/connections/secrets";

const keyA = crypto.randomBytes(32);
const keyB = crypto.randomBytes(32);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("credential encryption", () => {
  it("round-trips a value, with a fresh IV every time", () => {
    const secret = "s3cr3t-access-key-secret";
    const one = encryptSecret(secret, "con_1", keyA);
    const two = encryptSecret(secret, "con_1", keyA);
    expect(one).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(one).not.toBe(two);
    expect(decryptSecret(one, "con_1", keyA)).toBe(secret);
    expect(decryptSecret(two, "con_1", keyA)).toBe(secret);
  });

  it("never contains the plaintext, in any encoding", () => {
    const secret = "plain-text-password-1234567890";
    const stored = encryptSecret(secret, "", keyA);
    const raw = Buffer.from(stored.slice(3), "base64");
    expect(stored).not.toContain(secret);
    expect(raw.includes(Buffer.from(secret))).toBe(false);
    expect(stored).not.toContain(Buffer.from(secret).toString("base64"));
  });

  it("detects a flipped byte anywhere (IV, tag or ciphertext) instead of returning garbage", () => {
    const stored = encryptSecret("hello there", "ctx", keyA);
    const raw = Buffer.from(stored.slice(3), "base64");
    for (const index of [0, 12, 20, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index] ^= 0x01;
      expect(() => decryptSecret(`v1:${tampered.toString("base64")}`, "ctx", keyA), `byte ${index}`).toThrow(DecryptionError);
    }
  });

  it("refuses a value decrypted with another key or for another connection", () => {
    const stored = encryptSecret("hello", "con_1", keyA);
    expect(() => decryptSecret(stored, "con_1", keyB)).toThrow(DecryptionError);
    expect(() => decryptSecret(stored, "con_2", keyA)).toThrow(DecryptionError);
    expect(() => decryptSecret("v9:abcd", "con_1", keyA)).toThrow(/format/);
  });

  it("reads the key as base64 or 64 hex digits of exactly 32 bytes, and names APP_ENCRYPTION_KEY otherwise", () => {
    expect(parseEncryptionKey(keyA.toString("base64"))).toEqual(keyA);
    expect(parseEncryptionKey(keyA.toString("hex"))).toEqual(keyA);
    expect(parseEncryptionKey(keyA.toString("base64url"))).toEqual(keyA);
    for (const bad of ["", "short", crypto.randomBytes(16).toString("base64"), crypto.randomBytes(31).toString("hex") + "zz", "!".repeat(44)]) {
      expect(() => parseEncryptionKey(bad), bad).toThrow(EncryptionKeyError);
      expect(() => parseEncryptionKey(bad), bad).toThrow(/APP_ENCRYPTION_KEY must be exactly 32 bytes/);
    }
  });
});

describe("the start-up key check", () => {
  it("stores an encrypted marker on first start, accepts the same key later and refuses another with a clear message", () => {
    vi.stubEnv("APP_ENCRYPTION_KEY", keyA.toString("base64"));
    assertEncryptionKeyMatches();
    const marker = getDb().select().from(instanceSettings).where(eq(instanceSettings.key, "encryption_key_check")).get();
    expect(marker?.value).toMatch(/^v1:/);

    // The same key (written in hex this time) passes, again and again.
    vi.stubEnv("APP_ENCRYPTION_KEY", keyA.toString("hex"));
    expect(() => assertEncryptionKeyMatches()).not.toThrow();
    expect(() => assertEncryptionKeyMatches()).not.toThrow();

    vi.stubEnv("APP_ENCRYPTION_KEY", keyB.toString("base64"));
    expect(() => assertEncryptionKeyMatches()).toThrow(EncryptionKeyError);
    expect(() => assertEncryptionKeyMatches()).toThrow(
      "APP_ENCRYPTION_KEY does not match the key that encrypted this data folder's credentials.",
    );
    // The check did not replace the marker with the wrong key's.
    expect(getDb().select().from(instanceSettings).where(eq(instanceSettings.key, "encryption_key_check")).get()?.value).toBe(marker?.value);
  });
});
