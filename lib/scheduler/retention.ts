// Retention of run history: runs older than RUN_RETENTION_DAYS are deleted in batches of 500,
// yielding to the event loop between batches so requests and workers keep going.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { deleteFinishedRunsBefore } from "@/db/queries/run-retention";

export const RETENTION_BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the finished runs created more than `days` days before `now`; returns how many. */
export async function pruneOldRuns(days: number, now = Date.now(), batch = RETENTION_BATCH): Promise<number> {
  const before = now - days * DAY_MS;
  let deleted = 0;
  for (;;) {
    const count = deleteFinishedRunsBefore(before, batch);
    deleted += count;
    if (count < batch) return deleted;
    await yieldToEventLoop();
  }
}
