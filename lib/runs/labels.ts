// How runs' statuses and sources read, the same on the pages, in the CSV export and in messages.
import type { EnvironmentKind, RunSource, RunStatus } from "@/db/schema";

export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  filtered: "Filtered",
};

export const RUN_SOURCE_LABEL: Record<RunSource, string> = {
  item: "Board item",
  webhook: "Webhook",
  schedule: "Schedule",
  poll: "Polling",
  rerun: "Re-run",
  catch_up: "Catch-up",
};

/** "408,716": counts of runs read at a glance. */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** "340 ms", "2.5 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A Production version is the deployment's number; a Development one the time its definition was saved. */
export function versionLabel(kind: EnvironmentKind, version: number): string {
  return kind === "production" ? `Version ${version}` : `Saved ${new Date(version).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
