// Instance configuration from the environment, and the secrets generated into the data folder on
// first start when the environment does not set them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "@/db/client";

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || path.dirname(databasePath()));
}

type GeneratedSecrets = { nextAuthSecret: string; encryptionKey: string };

const globalForSecrets = globalThis as unknown as { __appSecrets?: GeneratedSecrets };

/** Reads `<data>/secrets.json`, creating it once (atomically, mode 0600) when missing. */
function generatedSecrets(): GeneratedSecrets {
  if (globalForSecrets.__appSecrets) return globalForSecrets.__appSecrets;
  const file = path.join(dataDir(), "secrets.json");
  if (!fs.existsSync(file)) {
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
  globalForSecrets.__appSecrets = JSON.parse(fs.readFileSync(file, "utf8")) as GeneratedSecrets;
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
