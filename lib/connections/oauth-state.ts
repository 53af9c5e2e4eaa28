// The authorization in progress between "Connect now" and the provider's callback, kept in the
// browser as a sealed (encrypted, signed, expiring) cookie so the server holds no state for it.
import crypto from "node:crypto";
import { sealData, unsealData, type UnsealErrorReason } from "iron-session";
import { z } from "zod";
import { authSecret, secureCookies } from "@/lib/config";
import { ConnectorError } from "@/lib/connectors/framework";
import { ValidationError } from "@/lib/errors";

export const PENDING_AUTHORIZATION_COOKIE = "oauth_pending";
export const PENDING_AUTHORIZATION_TTL_SECONDS = 10 * 60;

const SAME_SITE_BASE = "http://same-site.invalid";

/** A path on this site: an absolute or protocol-relative URL would make the callback an open redirect. */
const sameSitePath = z.string().refine((value) => {
  // Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.com" is "//evil.com".
  if (!value.startsWith("/") || /[\\\u0000-\u001f]/.test(value)) return false;
  return !value.startsWith("//") && new URL(value, SAME_SITE_BASE).origin === SAME_SITE_BASE;
}, "The return address must be a path on this site, such as /apps.");

/** Whether `value` may be the return address of Connect now (a path on this site). */
export function isSameSitePath(value: string): boolean {
  return sameSitePath.safeParse(value).success;
}

const pendingAuthorizationSchema = z.object({
  connectionId: z.string().min(1),
  state: z.string().min(1),
  codeVerifier: z.string().min(43),
  returnTo: sameSitePath,
});

export type PendingAuthorizationCookie = z.infer<typeof pendingAuthorizationSchema>;

/** Its own key, derived from the instance secret, so this seal never opens a session cookie (or the reverse). */
function sealPassword(): string {
  const key = crypto.hkdfSync("sha256", authSecret(), "", "oauth-pending-authorization", 32);
  return Buffer.from(key).toString("base64url");
}

export async function sealPendingAuthorization(data: PendingAuthorizationCookie): Promise<string> {
  const parsed = pendingAuthorizationSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "pendingAuthorization");
    throw new ValidationError(issue.message, { [field]: issue.message });
  }
  return sealData(parsed.data, { password: sealPassword(), ttl: PENDING_AUTHORIZATION_TTL_SECONDS });
}

export async function unsealPendingAuthorization(sealed: string | undefined): Promise<PendingAuthorizationCookie> {
  if (!sealed) {
    throw new ConnectorError("No sign-in attempt is in progress in this browser; start again with Connect now.");
  }
  let failure: UnsealErrorReason | undefined;
  const data = await unsealData<unknown>(sealed, {
    password: sealPassword(),
    ttl: PENDING_AUTHORIZATION_TTL_SECONDS,
    onUnsealError: (reason) => {
      failure = reason;
    },
  });
  if (failure === "expired") {
    throw new ConnectorError("This sign-in attempt expired (after 10 minutes); start again with Connect now.");
  }
  const parsed = pendingAuthorizationSchema.safeParse(data);
  if (failure !== undefined || !parsed.success) {
    throw new ConnectorError("This sign-in attempt could not be verified; start again with Connect now.");
  }
  return parsed.data;
}

/**
 * Lax so the cookie comes back on the provider's top-level redirect to the callback; scoped to
 * /api/oauth so no other request carries it.
 */
export function pendingAuthorizationCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: secureCookies(),
    path: "/api/oauth",
    maxAge: PENDING_AUTHORIZATION_TTL_SECONDS,
  };
}
