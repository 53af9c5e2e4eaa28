import { readiness } from "@/lib/operations/readiness";

export const dynamic = "force-dynamic";

/** 200 when this process can do its work, else 503; the body says what is and is not (see lib/operations/readiness.ts). */
export function GET() {
  const state = readiness();
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
