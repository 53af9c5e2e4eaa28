// Access keys: per user and per environment. The secret is shown once and stored only as a hash.
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accessKeys, environments, users, type EnvironmentKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, NotFoundError } from "@/lib/errors";
import { environmentOf } from "@/lib/environments";
import { nameSchema, parseOrThrow } from "@/lib/validation";

const KEY_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const LAST_USED_RESOLUTION_MS = 60_000;

function newKeyId(): string {
  let id = "AK";
  for (const byte of crypto.randomBytes(18)) id += KEY_ID_ALPHABET[byte % KEY_ID_ALPHABET.length];
  return id;
}

function hashSecret(secret: string): Buffer {
  return crypto.createHash("sha256").update(secret, "utf8").digest();
}

export const createAccessKeySchema = z.object({ name: nameSchema("Key name", 60) });

export function createAccessKey(actor: Actor, kind: EnvironmentKind, input: unknown) {
  const { name } = parseOrThrow(createAccessKeySchema, input);
  const env = environmentOf(actor.accountId, kind);
  const id = newKeyId();
  const secret = crypto.randomBytes(32).toString("base64url");
  getDb()
    .insert(accessKeys)
    .values({ id, userId: actor.userId, environmentId: env.id, name, secretHash: hashSecret(secret).toString("hex"), createdAt: Date.now() })
    .run();
  return { id, secret, environmentId: env.id };
}

export function revokeAccessKey(actor: Actor, keyId: string): void {
  const result = getDb()
    .update(accessKeys)
    .set({ revokedAt: Date.now() })
    .where(and(eq(accessKeys.id, keyId), eq(accessKeys.userId, actor.userId), isNull(accessKeys.revokedAt)))
    .run();
  if (result.changes === 0) throw new NotFoundError("The access key");
}

export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super("unauthorized", message);
  }
}

/**
 * Checks `X-Access-Key-Id` / `X-Access-Key-Secret` and returns the acting user with the key's
 * environment. The secret hash is compared in constant time.
 */
export function authenticateAccessKey(keyId: string | null, secret: string | null) {
  if (!keyId || !secret) {
    throw new UnauthorizedError("Send your access key in the X-Access-Key-Id and X-Access-Key-Secret headers.");
  }
  const row = getDb()
    .select({ key: accessKeys, user: users, environment: environments })
    .from(accessKeys)
    .innerJoin(users, eq(users.id, accessKeys.userId))
    .innerJoin(environments, eq(environments.id, accessKeys.environmentId))
    .where(eq(accessKeys.id, keyId))
    .get();
  const expected = row ? Buffer.from(row.key.secretHash, "hex") : crypto.randomBytes(32);
  const matches = crypto.timingSafeEqual(hashSecret(secret), expected);
  if (!row || !matches) throw new UnauthorizedError("The access key ID or secret is wrong.");
  if (row.key.revokedAt) throw new UnauthorizedError("This access key has been revoked.");

  const now = Date.now();
  if (!row.key.lastUsedAt || now - row.key.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    getDb().update(accessKeys).set({ lastUsedAt: now }).where(eq(accessKeys.id, keyId)).run();
  }
  const actor: Actor = { userId: row.user.id, accountId: row.user.accountId, role: row.user.role, label: `key:${row.key.id}` };
  return { actor, key: row.key, user: row.user, environment: row.environment };
}
