// Deleting old runs for retention, a small batch per statement so no transaction holds the write
// lock for long. Their steps go with them (run_steps' foreign key cascades) and the text index
// with them (runs_search's delete trigger); counters are not touched: they count what happened.
import { and, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { FINISHED_RUN_STATUSES, runs } from "@/db/schema";

/** Deletes up to `limit` finished runs created before `before`; returns how many. */
export function deleteFinishedRunsBefore(before: number, limit: number): number {
  const db = getDb();
  return db.transaction((tx) => {
    const ids = tx
      .select({ id: runs.id })
      .from(runs)
      .where(and(lt(runs.createdAt, before), inArray(runs.status, [...FINISHED_RUN_STATUSES])))
      .limit(limit)
      .all()
      .map((row) => row.id);
    if (ids.length === 0) return 0;
    return tx.delete(runs).where(inArray(runs.id, ids)).run().changes;
  });
}
