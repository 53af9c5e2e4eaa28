// Calls this product's REST API (`/api/v1/<Account ID>/…`, lib/api/README.md) with a
// connection's access key. The base URL follows the Account domain: the instance's own protocol
// when the domain is this instance (plain http in development and tests), https anywhere else.
import { z } from "zod";
import { ConnectorError, ReauthenticationRequiredError, type ConnectionContext, type EnvironmentInfo, type JsonValue } from "@/lib/connectors/framework";
import { errorFromResponse } from "@/lib/connectors/outbound";
import { HEADER_TEXT, headerTextMessage, HOST_WITH_PORT } from "@/lib/validation";

const required = (label: string) => z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`);

export const kissflowCredentialsSchema = z.object({
  accountId: required("Account ID").max(40, "Account ID must be at most 40 characters."),
  // People paste addresses: `https://acme.example.com/` is read as `acme.example.com`.
  accountDomain: required("Account domain")
    .toLowerCase()
    .transform((value) => value.replace(/^https?:\/\//, "").replace(/\/+$/, ""))
    .refine((value) => value.length <= 253, { message: "Account domain must be at most 253 characters.", abort: true })
    .refine((value) => HOST_WITH_PORT.test(value), { message: "Enter the Account domain as a host name such as acme.example.com (an optional :port is allowed)." }),
  // Both travel in request headers.
  accessKeyId: required("Access key ID").max(100, "Access key ID must be at most 100 characters.").regex(HEADER_TEXT, headerTextMessage("Access key ID")),
  accessKeySecret: required("Access key secret").max(200, "Access key secret must be at most 200 characters.").regex(HEADER_TEXT, headerTextMessage("Access key secret")),
});

export type KissflowCredentials = z.infer<typeof kissflowCredentialsSchema>;

export function kissflowBaseUrl(credentials: KissflowCredentials, environment: EnvironmentInfo): string {
  const ownHost = environment.instance.hosts.includes(credentials.accountDomain);
  const protocol = ownHost ? environment.instance.protocol : "https:";
  return `${protocol}//${credentials.accountDomain}/api/v1/${encodeURIComponent(credentials.accountId)}/`;
}

type Request = { method?: string; body?: unknown; query?: Record<string, string>; idempotencyKey?: string; signal?: AbortSignal };

/** One API call; answers the parsed JSON, or throws a ConnectorError carrying the API's own message. */
export async function kissflowRequest(ctx: ConnectionContext<KissflowCredentials>, path: string, request: Request = {}): Promise<JsonValue> {
  const url = new URL(path, kissflowBaseUrl(ctx.credentials, ctx.environment));
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    Accept: "application/json",
    "X-Access-Key-Id": ctx.credentials.accessKeyId,
    "X-Access-Key-Secret": ctx.credentials.accessKeySecret,
  };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.idempotencyKey) headers["Idempotency-Key"] = request.idempotencyKey;
  const response = await ctx.fetch(url, {
    method: request.method ?? "GET",
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: request.signal,
  });
  if (!response.ok) {
    const error = await errorFromResponse(response, `Kissflow (${ctx.credentials.accountDomain})`);
    // The access key itself was refused (revoked, or the wrong secret): no retry helps, the connection needs new credentials.
    if (response.status === 401) throw new ReauthenticationRequiredError(error.message, { status: 401 });
    throw error;
  }
  if (response.status === 204) return null;
  try {
    return (await response.json()) as JsonValue;
  } catch {
    throw new ConnectorError(`${ctx.credentials.accountDomain} did not answer with JSON: is the Account domain right?`);
  }
}
