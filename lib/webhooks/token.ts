// Webhook addresses: `/api/hooks/<integrationId>.<p|d>.<MAC>`, one per integration and
// environment. The MAC is an HMAC-SHA256 of the rest under a key derived from the instance's
// encryption key (secrets.ts derivedKey), so an address is stable across deploys and restarts,
// cannot be guessed or forged from an integration ID, and is checked without a database read.
import crypto from "node:crypto";
import type { EnvironmentKind } from "@/db/schema";
import { publicUrl } from "@/lib/config";
import { derivedKey } from "@/lib/connections/secrets";

const KIND_LETTER: Record<EnvironmentKind, string> = { production: "p", development: "d" };
const TOKEN = /^([A-Za-z0-9_-]{1,64})\.([pd])\.([A-Za-z0-9_-]{43})$/;

// A KeyObject per derived key: HMAC with a raw Buffer key imports it again on every call.
const keyObjects = new WeakMap<Buffer, crypto.KeyObject>();

function macOf(subject: string): Buffer {
  const raw = derivedKey("webhook tokens");
  let key = keyObjects.get(raw);
  if (!key) {
    key = crypto.createSecretKey(raw);
    keyObjects.set(raw, key);
  }
  return crypto.createHmac("sha256", key).update(subject).digest();
}

export function webhookToken(integrationId: string, kind: EnvironmentKind): string {
  const subject = `${integrationId}.${KIND_LETTER[kind]}`;
  return `${subject}.${macOf(subject).toString("base64url")}`;
}

/** The integration and environment a token names, or null for anything not made by webhookToken. */
export function parseWebhookToken(token: string): { integrationId: string; kind: EnvironmentKind } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, integrationId, letter, mac] = match;
  // Compared as text: decoding first would also take other spellings of the same bytes (the
  // last of 43 base64url characters carries two unused bits).
  const given = Buffer.from(mac);
  const expected = Buffer.from(macOf(`${integrationId}.${letter}`).toString("base64url"));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return { integrationId, kind: letter === "p" ? "production" : "development" };
}

/** The absolute address senders POST to, on the instance's public URL. */
export function webhookAddress(integrationId: string, kind: EnvironmentKind): string {
  return new URL(`/api/hooks/${webhookToken(integrationId, kind)}`, publicUrl()).toString();
}
