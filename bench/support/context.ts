// What every section of the benchmark shares: its settings from the environment, the figures it
// reports into, a fresh data folder per measurement, and waiting for runs to be recorded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { runs } from "@/db/schema";
import { Figures } from "./figures";

function wholeNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1.`);
  return value;
}

export const settings = {
  port: wholeNumber("BENCH_PORT", 3190),
  repeat: wholeNumber("BENCH_REPEAT", 3),
  historyRuns: wholeNumber("BENCH_HISTORY_RUNS", 1_000_000),
};

export const figures = new Figures();

const root = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-bench-"));

/** A new empty data folder, which this process's database handle now points at. */
export function useDataDir(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  closeDb();
  process.env.DATA_DIR = dir;
  return dir;
}

export function removeDataDirs(): void {
  closeDb();
  fs.rmSync(root, { recursive: true, force: true });
}

export function succeededRuns(integrationId: string): number {
  return getDb().select({ n: count() }).from(runs).where(and(eq(runs.integrationId, integrationId), eq(runs.status, "succeeded"))).get()!.n;
}

/** Checks every `everyMs` (short enough to time the end of a load, long enough not to slow it). */
export async function until(check: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const seconds = (since: number) => (performance.now() - since) / 1000;
