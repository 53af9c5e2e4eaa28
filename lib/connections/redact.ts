// What is kept or shown of a connection's use (run history, the editor's Test, the message of a
// connection test) never holds its secrets. A remote may repeat a credential back in an error or
// an echo in the form it received it: as is, URL-encoded (a key in a query string), or in base64
// (a Basic header encodes "user:password"): every one of those forms is replaced.
import { readTokens } from "@/lib/connections/oauth-tokens";
import type { ConnectionContext, Connector } from "@/lib/connectors/framework";

const REDACTED = "[redacted]";
/** Shorter values would be replaced wherever they happen to appear. */
const MIN_SECRET_LENGTH = 4;
const MIN_ENCODED_LENGTH = 8;

/**
 * The secret values of a connection in use: its connector's secret fields, or the tokens of a
 * connection signed in through an OAuth app as they are stored now (its use may have refreshed them).
 */
export function connectionSecrets(connector: Connector<unknown>, context: ConnectionContext<unknown>, connectionId: string | null): string[] {
  if (context.oauth && connectionId) {
    const tokens = readTokens(connectionId);
    return tokens ? [tokens.accessToken, tokens.refreshToken ?? ""].filter((token) => token.length >= MIN_SECRET_LENGTH) : [];
  }
  if (connector.auth.kind === "none" || !context.credentials) return [];
  const credentials = context.credentials as Record<string, unknown>;
  return connector.auth.fields.flatMap((field) => {
    const value = credentials[field.key];
    return field.secret && typeof value === "string" && value.length >= MIN_SECRET_LENGTH ? [value] : [];
  });
}

/** The characters of the secret's base64 that no byte around it changes, at each of the three alignments. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    return [core, core.replace(/\+/g, "-").replace(/\//g, "_")];
  });
}

function formsOf(secrets: string[]): string[] {
  const encoded = secrets.flatMap((secret) => [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), ...base64Forms(secret)]);
  const forms = new Set([...secrets, ...encoded.filter((form) => form.length >= MIN_ENCODED_LENGTH)]);
  // Longest first: a form inside a longer one must not leave the rest of the longer one behind.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** The value with every form of the secrets replaced in its strings. */
export function redactSecrets<T>(value: T, secrets: string[]): T {
  if (secrets.length === 0) return value;
  const forms = formsOf(secrets);
  const scrub = (text: string) => forms.reduce((out, form) => out.split(form).join(REDACTED), text);
  const walk = (part: unknown): unknown => {
    if (typeof part === "string") return scrub(part);
    if (Array.isArray(part)) return part.map(walk);
    if (part !== null && typeof part === "object") return Object.fromEntries(Object.entries(part).map(([key, inner]) => [key, walk(inner)]));
    return part;
  };
  return walk(value) as T;
}
