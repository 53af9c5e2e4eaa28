// "Send request": any method, URL, headers, query and JSON body, through the guarded fetch (or,
// for a connection signed in through an OAuth app, with its fresh access token).
// Answers `{ status, headers, body }`; an error status fails the step (5xx and 429 as transient,
// so the engine retries them), since a step that "succeeds" with a 404 hides the problem.
import { z } from "zod";
import { defineAction, oauthAccessOf, type ConnectorFetch, type JsonValue, type PropField } from "@/lib/connectors/framework";
import { applyHttpAuth, httpUrl, NO_AUTH, type HttpCredentials } from "@/lib/connectors/http/auth";
import { errorFromResponse } from "@/lib/connectors/outbound";

/** Longest body kept in a step's output; past it the text is cut with a marker. */
export const MAX_BODY_CHARS = 100_000;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({});
// Checked here so a bad header is a form message, not a TypeError from Headers mid-run.
const headerMap = stringMap.refine((headers) => Object.entries(headers).every(([name, value]) => TOKEN.test(name) && !/[\r\n\0]/.test(value)), {
  message: "Header names may contain letters, digits and - only, and values may not contain line breaks.",
});
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const requestInput = z.object({
  method: z.enum(METHODS, { error: `Method must be one of ${METHODS.join(", ")}.` }).default("GET"),
  url: httpUrl("URL"),
  headers: headerMap,
  query: stringMap,
  body: jsonValue.optional(),
});

export type RequestInput = z.infer<typeof requestInput>;

export const requestProps: PropField[] = [
  { key: "method", label: "Method", type: "select", required: true, options: METHODS.map((m) => ({ value: m, label: m })) },
  { key: "url", label: "URL", type: "url", required: true, mappable: true },
  { key: "headers", label: "Headers", type: "json", mappable: true, hint: '{"X-Request-Source": "boardflow"}' },
  { key: "query", label: "Query parameters", type: "json", mappable: true },
  { key: "body", label: "JSON body", type: "json", mappable: true },
];

export const requestSampleOutput: JsonValue = { status: 200, headers: { "content-type": "application/json" }, body: { ok: true } };

function readBody(text: string, contentType: string): JsonValue {
  if (text.length > MAX_BODY_CHARS) return `${text.slice(0, MAX_BODY_CHARS)}… [truncated: ${text.length - MAX_BODY_CHARS} more characters]`;
  if (/[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // A server that labels text as JSON: keep the text rather than fail the step.
    }
  }
  return text;
}

/**
 * Builds the request from the step's input, lets `authorize` put credentials on it, sends it with
 * `send` (the guarded fetch, or an OAuth connection's fetch that adds a fresh token) and reads
 * the answer. Shared by HTTP request's "Send request" and OAuth 2.0 app's "Send authenticated request".
 */
export async function performRequest(
  input: RequestInput,
  send: ConnectorFetch,
  { authorize, signal }: { authorize?: (url: URL, headers: Headers) => void; signal?: AbortSignal } = {},
): Promise<JsonValue> {
  const { method, headers: headerInput, query, body } = input;
  const url = new URL(input.url);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const headers = new Headers(headerInput);
  authorize?.(url, headers);
  const sendsBody = body !== undefined && method !== "GET" && method !== "HEAD";
  if (sendsBody && !headers.has("content-type")) headers.set("Content-Type", "application/json");
  const response = await send(url, { method, headers, body: sendsBody ? JSON.stringify(body) : undefined, signal });
  if (!response.ok) throw await errorFromResponse(response, `${method} ${url.host}`);
  const text = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: readBody(text, response.headers.get("content-type") ?? ""),
  };
}

export const sendRequest = defineAction<RequestInput, HttpCredentials>({
  key: "send_request",
  name: "Send request",
  description: "Calls any HTTP address and returns its status, headers and body.",
  props: requestProps,
  input: requestInput,
  sampleOutput: requestSampleOutput,
  async run(ctx) {
    // Without a connection (optional auth) the request goes out as is.
    const credentials = ctx.credentials ?? NO_AUTH;
    const send = credentials.authType === "oauth2" ? oauthAccessOf(ctx).fetch : ctx.fetch;
    return performRequest(ctx.input, send, { authorize: (url, headers) => applyHttpAuth(credentials, url, headers), signal: ctx.signal });
  },
});
