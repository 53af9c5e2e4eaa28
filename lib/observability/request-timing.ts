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
  const startedAt = new WeakMap<IncomingMessage, number>();
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    startedAt.set((message as HttpMessage).request, performance.now());
  });
  diagnosticsChannel.subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as HttpMessage;
    const started = startedAt.get(request);
    if (started === undefined) return;
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    log.debug({ method: request.method, route: routeOf(request.url ?? "/"), status: response.statusCode, durationMs }, "request");
  });
}
