// What an OAuth app registration is made of, checked once for the settings form and for the
// OAUTH_APPS environment variable alike.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { OAUTH_CLIENT_AUTH_METHODS, type OAuthClient } from "@/db/schema";
import { privateNetworkAllowed } from "@/lib/connectors/network-guard";
import { nameSchema } from "@/lib/validation";

export type OAuthClientAuthMethod = OAuthClient["authMethod"];

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost") return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback";
}

/**
 * https, or plain http to this machine only while private addresses are allowed (tests, local
 * development): an http token URL would send the client secret and the tokens in clear.
 */
function oauthUrlProblem(value: string, label: string): string | null {
  if (!URL.canParse(value)) return `${label} must be a full address such as https://provider.example/oauth/token.`;
  const url = new URL(value);
  if (url.username || url.password) return `${label} may not contain a user name or password.`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopback(url.hostname) && privateNetworkAllowed()) return null;
  return `${label} must start with https:// (http:// is accepted only for this machine, with ALLOW_PRIVATE_NETWORK=true).`;
}

const oauthUrl = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(2000, `${label} must be at most 2000 characters.`)
    .superRefine((value, ctx) => {
      const problem = oauthUrlProblem(value, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

// An empty optional field from the form means "none".
const optionalOauthUrl = (label: string) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), oauthUrl(label).optional());

// RFC 6749 §3.3: scope tokens are printable ASCII without spaces, quotes or backslashes.
const scopes = z
  .string({ error: "Scopes must be text." })
  .default("")
  .transform((value) => value.trim().split(/\s+/).filter(Boolean).join(" "))
  .refine((value) => value.length <= 1000, "Scopes must be at most 1000 characters.")
  .refine((value) => /^[\x21\x23-\x5B\x5D-\x7E ]*$/.test(value), 'Scopes are names separated by spaces, without quotes or backslashes.');

const clientSecret = z.string({ error: "Client secret must be text." }).max(4000, "Client secret must be at most 4000 characters.");

const fields = {
  name: nameSchema("Name", 80),
  authorizeUrl: oauthUrl("Authorize URL"),
  tokenUrl: oauthUrl("Token URL"),
  scopes,
  clientId: nameSchema("Client ID", 500),
  issuer: optionalOauthUrl("Issuer"),
  authMethod: z.enum(OAUTH_CLIENT_AUTH_METHODS, { error: "Choose how the client secret is sent." }).default("client_secret_basic"),
  testUrl: optionalOauthUrl("Test URL"),
};

/** A new app, and every app of OAUTH_APPS: the secret is required. */
export const newOAuthAppSchema = z.object({ ...fields, clientSecret: clientSecret.min(1, "Client secret is required.") });

/** A change: an empty secret keeps the stored one (the form shows "••••"). */
export const changedOAuthAppSchema = z.object({ ...fields, clientSecret: clientSecret.default("") });

export type OAuthAppInput = z.output<typeof newOAuthAppSchema>;

/** What pages and builders see of an app: never the client secret. */
export type OAuthAppView = {
  id: string;
  name: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Space separated, as the provider expects them. */
  scopes: string;
  clientId: string;
  secretSet: boolean;
  issuer: string | null;
  authMethod: OAuthClientAuthMethod;
  testUrl: string | null;
  /** "environment": set in OAUTH_APPS, read-only here. */
  source: "account" | "environment";
  /** How many of the account's connections sign in through it. */
  usedByCount: number;
};
