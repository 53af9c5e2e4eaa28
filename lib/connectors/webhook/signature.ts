// HMAC-SHA256 webhook signatures: the sender signs the raw body with the shared secret and sends
// `X-Signature-256: sha256=<hex>` (as GitHub does). Compared in constant time (SPEC §7).
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "X-Signature-256";

export function signPayload(secret: string, rawBody: string | Uint8Array): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** True only for a well-formed header carrying the right signature of exactly these bytes. */
export function verifySignature(secret: string, rawBody: string | Uint8Array, header: string | null | undefined): boolean {
  if (!header) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = crypto.createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(match[1], "hex");
  // Both are 32 bytes here (the pattern fixes the length); the check keeps timingSafeEqual safe.
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
