// The ConnectorFetch every connector gets: a per-call timeout, a cap on the response size, the
// private-network guard (network-guard.ts) on every connection, and redirects followed by hand
// (at most 5) so each hop is guarded too. Failures become ConnectorErrors whose messages name
// the host only: URLs can carry secrets in their path or query.
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { ConnectorError, type ConnectorFetch } from "@/lib/connectors/framework";
import { guardedConnector, PrivateAddressError, privateNetworkAllowed } from "@/lib/connectors/network-guard";

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin are not forwarded to another (as browsers do).
const ORIGIN_BOUND_HEADERS = ["authorization", "cookie", "proxy-authorization"];
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_SOCKET", "UND_ERR_CLOSED",
]);
// The remote (or something between) closed or reset the connection before the answer was whole.
const CLOSED_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

export type OutboundOptions = {
  /** Hosts reachable even on private addresses (URL `host` values); see `guardedConnector`. */
  allowHosts?: string[];
  timeoutMs?: number;
  maxResponseBytes?: number;
};

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), when it has one. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function codeOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}

function privateAddressErrorOf(error: unknown): PrivateAddressError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e instanceof PrivateAddressError) return e;
  }
  return undefined;
}

/** Turns what a request threw into a ConnectorError a person can act on; transient when retrying may help. */
export function toConnectorError(error: unknown, host: string, timeoutMs: number): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const refused = privateAddressErrorOf(error);
  if (refused) return new ConnectorError(refused.message);
  const name = (error as { name?: string } | undefined)?.name;
  if (name === "TimeoutError") {
    const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
    return new ConnectorError(`${host} did not answer within ${limit}.`, { transient: true });
  }
  if (name === "AbortError") return new ConnectorError(`The request to ${host} was cancelled.`, { transient: true });
  const code = codeOf(error);
  if (code === "ENOTFOUND") return new ConnectorError(`The host ${host} was not found (no DNS record). Check the address.`);
  if (code === "ECONNREFUSED") return new ConnectorError(`Could not connect to ${host}: the connection was refused.`, { transient: true });
  if (code && CLOSED_CODES.has(code)) return new ConnectorError(`The connection to ${host} was closed before its answer was complete (${code}).`, { transient: true });
  if (code && /CERT|SSL|TLS/.test(code)) return new ConnectorError(`The TLS certificate of ${host} was not accepted (${code}).`);
  const transient = !code || TRANSIENT_CODES.has(code);
  return new ConnectorError(`The request to ${host} failed${code ? ` (${code})` : ""}.`, { transient });
}

/**
 * A ConnectorError for an HTTP error answer: transient for 408, 429 and 5xx (with Retry-After),
 * with the remote's own message when it sent one (`{"error":{"message"}}`, `{"message"}`).
 */
export async function errorFromResponse(response: Response, what: string): Promise<ConnectorError> {
  const text = await response.text().catch(() => "");
  let detail = "";
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === "object" ? body.error?.message : (body.error ?? body.message);
    if (typeof message === "string") detail = message;
  } catch {
    detail = text.trim().slice(0, 200);
  }
  const status = response.status;
  const transient = status === 408 || status === 429 || status >= 500;
  return new ConnectorError(`${what} answered ${status}${response.statusText ? ` ${response.statusText}` : ""}${detail ? `: ${detail}` : "."}`, {
    status,
    transient,
    retryAfterSeconds: transient ? parseRetryAfter(response.headers.get("retry-after")) : undefined,
  });
}

/** Reads the body into memory, refusing more than `limit` bytes, and returns a plain Response. */
async function buffered(response: Awaited<ReturnType<typeof undiciFetch>>, host: string, limit: number): Promise<Response> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body?.cancel();
    throw new ConnectorError(`The response from ${host} is larger than ${limit} bytes.`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limit) throw new ConnectorError(`The response from ${host} is larger than ${limit} bytes.`);
      chunks.push(chunk);
    }
  }
  const nullBody = [101, 204, 205, 304].includes(response.status);
  return new Response(nullBody ? null : Buffer.concat(chunks), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers as unknown as HeadersInit,
  });
}

// One connection pool per set of allowed hosts, shared by every context: the engine makes a
// context per step, and a pool per step would open (and leave open) sockets without end. The
// guard runs when a socket connects, so a pool made while private addresses were allowed is
// never used once they are not.
const agents = new Map<string, Agent>();

function agentFor(allowHosts: string[]): Agent {
  const key = `${privateNetworkAllowed()}|${[...allowHosts].sort().join(",")}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: guardedConnector(allowHosts) });
    agents.set(key, agent);
  }
  return agent;
}

/** The fetch a connector's context carries, over a shared guarded pool (see agentFor). */
export function createConnectorFetch(options: OutboundOptions = {}): ConnectorFetch {
  const dispatcher = agentFor(options.allowHosts ?? []);

  return async (input, init = {}) => {
    const { timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxResponseBytes, signal, ...request } = init;
    const limit = maxResponseBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let url = new URL(input);
    let method = (request.method ?? "GET").toUpperCase();
    let body = request.body;
    const headers = new Headers(request.headers);

    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new ConnectorError(`Only http and https addresses can be called (got ${url.protocol}).`);
      }
      try {
        const response = await undiciFetch(url, {
          method, headers, body, redirect: "manual", signal: combined, dispatcher,
        } as UndiciRequestInit);
        const location = response.headers.get("location");
        if (!REDIRECTS.has(response.status) || !location) return await buffered(response, url.host, limit);
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new ConnectorError(`${url.host} redirected more than ${MAX_REDIRECTS} times.`);
        const next = new URL(location, url);
        if (next.origin !== url.origin) for (const name of ORIGIN_BOUND_HEADERS) headers.delete(name);
        // As browsers do: 303 (and 301/302 after a POST) continue as a GET without the body.
        if ((response.status === 303 && method !== "HEAD") || ((response.status === 301 || response.status === 302) && method === "POST")) {
          method = "GET";
          body = undefined;
          headers.delete("content-type");
          headers.delete("content-length");
        }
        url = next;
      } catch (error) {
        throw toConnectorError(error, url.host, timeoutMs);
      }
    }
  };
}
