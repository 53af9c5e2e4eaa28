// Instance configuration from the environment, and the secrets generated into the data folder on
// first start when the environment does not set them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { databasePath } from "@/db/client";
import { ENCRYPTION_KEY_CHECK_SETTING, readInstanceSetting } from "@/db/queries/instance-settings";

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || path.dirname(databasePath()));
}

type GeneratedSecrets = { nextAuthSecret: string; encryptionKey: string };

/** The encryption key is missing, malformed, or not the one that encrypted this data folder. */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyError";
  }
}

const globalForSecrets = globalThis as unknown as { __appSecrets?: GeneratedSecrets };

export function secretsFile(): string {
  return path.join(dataDir(), "secrets.json");
}

/** What to do about a damaged or missing secrets.json, said the same way in every message. */
export function restoreSecretsAdvice(file: string): string {
  return `Restore ${file} from your backup, or set APP_ENCRYPTION_KEY and NEXTAUTH_SECRET to the values it held.`;
}

const secretsFileSchema = z.object({ nextAuthSecret: z.string().min(1), encryptionKey: z.string().min(1) });

/** The file as the server wrote it; anything else (empty, cut short, edited) is refused, never replaced. */
function readSecretsFile(file: string): GeneratedSecrets {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const parsed = secretsFileSchema.safeParse(content);
  if (!parsed.success) {
    throw new EncryptionKeyError(`${file} cannot be read: it is empty, cut short or changed, and it holds the key of this data folder's credentials. ${restoreSecretsAdvice(file)}`);
  }
  return parsed.data;
}

/** Whether a key was used in this data folder: its database exists and holds the key check. */
function holdsEncryptedData(): boolean {
  return fs.existsSync(databasePath()) && readInstanceSetting(ENCRYPTION_KEY_CHECK_SETTING) !== undefined;
}

/** Writes a fresh secrets.json atomically (mode 0600); another process creating it first wins. */
function createSecretsFile(file: string): void {
  // A new key over credentials encrypted with the lost one would make them unreadable for good.
  if (!process.env.APP_ENCRYPTION_KEY && holdsEncryptedData()) {
    throw new EncryptionKeyError(`${file} is missing, but this data folder's database holds credentials encrypted with the key it held. ${restoreSecretsAdvice(file)}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh: GeneratedSecrets = {
    nextAuthSecret: crypto.randomBytes(32).toString("base64url"),
    encryptionKey: crypto.randomBytes(32).toString("base64"),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  try {
    // link() fails if another process created the file first; then we read theirs.
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** `<data>/secrets.json`, created on the first start of an empty data folder. */
function generatedSecrets(): GeneratedSecrets {
  if (globalForSecrets.__appSecrets) return globalForSecrets.__appSecrets;
  const file = secretsFile();
  if (!fs.existsSync(file)) createSecretsFile(file);
  globalForSecrets.__appSecrets = readSecretsFile(file);
  return globalForSecrets.__appSecrets;
}

export function authSecret(): string {
  return process.env.NEXTAUTH_SECRET || generatedSecrets().nextAuthSecret;
}

/** The 256-bit key that encrypts connection credentials (base64 or hex in `APP_ENCRYPTION_KEY`). */
export function encryptionKeyMaterial(): string {
  return process.env.APP_ENCRYPTION_KEY || generatedSecrets().encryptionKey;
}

/** The instance's public URL: `PUBLIC_URL`, else `NEXTAUTH_URL`, else localhost on `PORT`. */
export function publicUrl(): URL {
  const raw =
    process.env.PUBLIC_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
  return new URL(raw);
}

/** The default Account domain of both environments: the instance's public host. */
export function defaultAccountDomain(): string {
  return publicUrl().host;
}

export function secureCookies(): boolean {
  return publicUrl().protocol === "https:";
}
