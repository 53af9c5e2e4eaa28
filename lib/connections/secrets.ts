// Encryption at rest for connection credentials (SPEC §7): AES-256-GCM with a random 96-bit IV
// per value and the 128-bit auth tag, so a changed byte is detected instead of decrypting to
// garbage. Stored as `v1:<base64(iv | tag | ciphertext)>`; the version lets a later format (or a
// rotated key) live beside this one. Nothing here logs a value or puts one in an error message.
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { ENCRYPTION_KEY_CHECK_SETTING, insertInstanceSettingOnce, readInstanceSetting } from "@/db/queries/instance-settings";
import { encryptionKeyMaterial, EncryptionKeyError, restoreSecretsAdvice, secretsFile } from "@/lib/config";

export { EncryptionKeyError } from "@/lib/config";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_CHECK_PLAINTEXT = "boardflow encryption key check";

/** A stored value that cannot be decrypted: tampered with, truncated, or another key's. */
export class DecryptionError extends Error {
  constructor(message = "A stored secret could not be decrypted: it was changed, or encrypted with another key.") {
    super(message);
    this.name = "DecryptionError";
  }
}

const keyCache = new Map<string, Buffer>();

/** 32 bytes from 64 hex digits or from base64 (standard or URL-safe); anything else is refused. */
export function parseEncryptionKey(material: string): Buffer {
  const cached = keyCache.get(material);
  if (cached) return cached;
  const text = material.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) key = Buffer.from(text, "base64");
  if (!key || key.length !== 32) {
    throw new EncryptionKeyError(
      "APP_ENCRYPTION_KEY must be exactly 32 bytes, written as base64 (44 characters, e.g. `openssl rand -base64 32`) " +
        "or as 64 hexadecimal digits (`openssl rand -hex 32`).",
    );
  }
  keyCache.set(material, key);
  return key;
}

/** The file the key is read from, or null when APP_ENCRYPTION_KEY sets it: messages name where to look. */
function keyFile(): string | null {
  return process.env.APP_ENCRYPTION_KEY ? null : secretsFile();
}

function currentKey(): Buffer {
  const material = encryptionKeyMaterial();
  try {
    return parseEncryptionKey(material);
  } catch (error) {
    const file = keyFile();
    if (!file || !(error instanceof EncryptionKeyError)) throw error;
    // Nobody writes this file by hand: a key in it that is not one means the file was changed.
    throw new EncryptionKeyError(`The encryptionKey in ${file} is not a 32-byte key: the file was changed. ${restoreSecretsAdvice(file)}`);
  }
}

const derivedKeys = new Map<string, Buffer>();

/**
 * A 256-bit key for one purpose (e.g. "webhook tokens"), derived from the encryption key with
 * HKDF-SHA256: stable for as long as the data folder's key, and independent of the key itself
 * and of every other purpose, so a MAC made with it reveals nothing about the credentials' key.
 */
export function derivedKey(purpose: string): Buffer {
  const material = encryptionKeyMaterial();
  const cacheKey = `${purpose}\u0000${material}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", parseEncryptionKey(material), Buffer.alloc(0), `boardflow ${purpose}`, 32));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * Encrypts `plaintext`. `context` (e.g. the connection ID) is authenticated but not stored: a
 * value copied onto another row does not decrypt there.
 */
export function encryptSecret(plaintext: string, context = "", key: Buffer = currentKey()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

export function decryptSecret(stored: string, context = "", key: Buffer = currentKey()): string {
  const [version, payload] = stored.split(":", 2);
  if (version !== VERSION || !payload) throw new DecryptionError("A stored secret is not in a format this version can read.");
  const raw = Buffer.from(payload, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    // GCM's tag check failed; the library's own message says nothing a person can act on.
    throw new DecryptionError();
  }
}

export function encryptJson(value: unknown, context: string): string {
  return encryptSecret(JSON.stringify(value), context);
}

export function decryptJson<T>(stored: string, context: string): T {
  return JSON.parse(decryptSecret(stored, context)) as T;
}

/**
 * Called once at start-up (instrumentation-node.ts). The first start stores an encrypted marker
 * in `instance_settings`; every later start decrypts it, so a wrong APP_ENCRYPTION_KEY stops the
 * server at once with a message saying so, instead of failing later at every connection.
 */
export function assertEncryptionKeyMatches(): void {
  const key = currentKey();
  // Two processes starting together both try; the first marker stays.
  insertInstanceSettingOnce(ENCRYPTION_KEY_CHECK_SETTING, encryptSecret(KEY_CHECK_PLAINTEXT, ENCRYPTION_KEY_CHECK_SETTING, key));
  if (keyOpensDatabase(key)) return;
  const file = keyFile();
  throw new EncryptionKeyError(
    file
      ? `The encryptionKey in ${file} does not match the key that encrypted this data folder's credentials. ${restoreSecretsAdvice(file)}`
      : "APP_ENCRYPTION_KEY does not match the key that encrypted this data folder's credentials. " +
          "Start with the key this data folder was first started with (the APP_ENCRYPTION_KEY you set then, " +
          "or the encryptionKey in secrets.json of the data folder); connections cannot be decrypted with another key.",
  );
}

/** Whether `key` decrypts the database's key-check marker (a database that has none was never started: any key does). */
export function keyOpensDatabase(key: Buffer, db?: Db): boolean {
  const marker = readInstanceSetting(ENCRYPTION_KEY_CHECK_SETTING, db);
  if (marker === undefined) return true;
  try {
    return decryptSecret(marker, ENCRYPTION_KEY_CHECK_SETTING, key) === KEY_CHECK_PLAINTEXT;
  } catch (error) {
    if (error instanceof DecryptionError) return false;
    throw error;
  }
}
