// GET /metrics in Prometheus text format (lib/observability/metrics.ts). With METRICS_TOKEN set,
// only a scraper sending `Authorization: Bearer <METRICS_TOKEN>` is answered.
import crypto from "node:crypto";
import { metrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/** Compared as SHA-256 digests: equal lengths for timingSafeEqual, and no timing to learn from. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

export async function GET(request: Request): Promise<Response> {
  const token = process.env.METRICS_TOKEN;
  if (token) {
    const given = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? "";
    if (!sameSecret(given, token)) {
      return Response.json({ error: { code: "unauthorized", message: "Send the METRICS_TOKEN as a bearer token: Authorization: Bearer <token>." } }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
    }
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
