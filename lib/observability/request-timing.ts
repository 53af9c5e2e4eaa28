// How long the server takes to answer each request, from its own HTTP server: Node publishes
// 'http.server.request.start' and 'http.server.response.finish' on diagnostics_channel for every
// request, whoever handles it. At LOG_LEVEL=debug each finished request is one log line with its
// method, route pattern, status and duration. The route is the Next.js pattern
// (/apps/[appId]/manage/integrations/runs), never the URL: IDs and search words stay out of logs.
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/log";
import { routeMatcher } from "@/lib/observability/route-patterns";

type HttpMessage = { request: IncomingMessage; response: ServerResponse };

const globalForTiming = globalThis as unknown as { __requestTiming?: boolean };

/** Subscribes once per process, and only when debug lines are written: at "info" it costs nothing. */
export function startRequestTiming(): void {
  const log = logger();
  if (globalForTiming.__requestTiming || !log.isLevelEnabled("debug")) return;
  globalForTiming.__requestTiming = true;
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
    log.debug({ method: request.method, route: start.route, status: response.statusCode, durationMs }, "request");
  });
}
