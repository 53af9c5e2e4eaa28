// How long the server takes to answer each request, from its own HTTP server: Node publishes
// 'http.server.request.start' and 'http.server.response.finish' on diagnostics_channel for every
// request, whoever handles it. Each finished request is counted and timed for /metrics, and at
// LOG_LEVEL=debug is one log line with its method, route pattern, status and duration. The route is the Next.js pattern
// (/apps/[appId]/manage/integrations/runs), never the URL: IDs and search words stay out of logs.
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { routeMatcher } from "@/lib/observability/route-patterns";

type HttpMessage = { request: IncomingMessage; response: ServerResponse };

const globalForTiming = globalThis as unknown as { __requestTiming?: boolean };

/** Subscribes once per process. */
export function startRequestTiming(): void {
  if (globalForTiming.__requestTiming) return;
  globalForTiming.__requestTiming = true;
  const log = logger();
  const debug = log.isLevelEnabled("debug");
  const { httpRequests, httpDuration } = metrics();
  const routeOf = routeMatcher();
  // The route is read when the request arrives: Next.js rewrites `request.url` while it handles it.
  const started = new WeakMap<IncomingMessage, { at: number; route: string }>();
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request } = message as HttpMessage;
    started.set(request, { at: performance.now(), route: routeOf(request.url ?? "/") });
  });
  diagnosticsChannel.subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as HttpMessage;
    const start = started.get(request);
    if (start === undefined) return;
    const durationMs = Math.round((performance.now() - start.at) * 100) / 100;
    const method = request.method ?? "GET";
    httpRequests.inc({ route: start.route, method, status: response.statusCode });
    httpDuration.observe({ route: start.route, method }, durationMs / 1000);
    if (debug) log.debug({ method, route: start.route, status: response.statusCode, durationMs }, "request");
  });
}
