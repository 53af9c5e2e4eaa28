// CSV export of the runs a Run history filter shows, streamed: the stream reads one keyset page at
// a time as the client takes it, so a million runs never sit in memory, and runs queued while it
// streams (newer than its first page) are left out rather than shifting the pages.
import { findRunIds } from "@/db/queries/run-history";
import type { EnvironmentKind } from "@/db/schema";
import { filterOf, runViewsByIds, type RunScope, type RunView } from "@/lib/runs/history";
import { RUN_SOURCE_LABEL, RUN_STATUS_LABEL, versionLabel } from "@/lib/runs/labels";
import type { RunQuery } from "@/lib/runs/run-query";
import { summarizeTrigger } from "@/lib/runs/trigger-summary";

export const CSV_PAGE_SIZE = 500;

const HEADER = ["Run", "Integration", "Status", "Source", "Version", "Created (UTC)", "Started (UTC)", "Finished (UTC)", "Duration (ms)", "Attempts", "Trigger item", "Error", "Re-run of"];

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: text a spreadsheet would run as a formula gets a leading `'`, and a cell holding a
 * quote, comma or line break is quoted with its quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function runLine(run: RunView, kind: EnvironmentKind): string {
  return csvLine([
    run.id,
    run.integrationName,
    RUN_STATUS_LABEL[run.status],
    RUN_SOURCE_LABEL[run.source],
    versionLabel(kind, run.version),
    iso(run.createdAt),
    iso(run.startedAt),
    iso(run.finishedAt),
    run.durationMs,
    run.attempts,
    summarizeTrigger(run.triggerData, 1000),
    run.error,
    run.rerunOf,
  ]);
}

/** The runs matching the query (its page cursor aside), newest first, as a UTF-8 CSV stream. */
export function runsCsvStream(scope: RunScope, query: RunQuery, pageSize = CSV_PAGE_SIZE): ReadableStream<Uint8Array> {
  const filter = filterOf(scope, query);
  const encoder = new TextEncoder();
  let before: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        // The byte order mark lets spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
        return;
      }
      const page = findRunIds(filter, { limit: pageSize, before });
      if (page.ids.length > 0) controller.enqueue(encoder.encode(runViewsByIds(page.ids).map((run) => runLine(run, scope.environment.kind)).join("")));
      if (!page.more) controller.close();
      before = page.ids[page.ids.length - 1];
    },
  });
}
