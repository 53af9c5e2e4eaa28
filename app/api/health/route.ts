import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** 200 when the process is up and its database answers. */
export function GET() {
  try {
    getDb().get(sql`select 1`);
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable", error: "The database is not reachable." }, { status: 503 });
  }
}
