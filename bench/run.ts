// `npm run bench`: measures the figures of SPEC §8 on this machine, each BENCH_REPEAT times, and
// prints them with their floor and goal beside two baselines measured in the same run (SQLite's
// one-row-per-transaction insert rate on this disk, and the req/s of GET /api/health): machines
// are noisy, the ratios are what compare. Writes bench/results.md. Everything runs in fresh
// temporary data folders, deleted at the end. bench/README.md explains each figure.
import path from "node:path";
import Database from "better-sqlite3";
import { LIMITS, NOT_PROFILED, QUIET_BASELINES } from "./limits";
import { engineSection } from "./sections/engine";
import { historySection } from "./sections/history";
import { schedulesSection } from "./sections/schedules";
import { serverSection } from "./sections/server";
import { figures, removeDataDirs, seconds, settings, useDataDir } from "./support/context";
import { machineText, writeResults } from "./support/results-file";

const SECTIONS = { engine: engineSection, server: serverSection, history: historySection, schedules: schedulesSection };
type Section = keyof typeof SECTIONS;

/** better-sqlite3 inserting one row per transaction (WAL, synchronous=NORMAL), on the disk the data folders are on. */
function sqliteBaseline(round: number): void {
  const db = new Database(path.join(useDataDir(`sqlite-baseline-${round}`), "baseline.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  const one = db.transaction((body: string) => insert.run(body));
  const rows = 20_000;
  const started = performance.now();
  for (let i = 0; i < rows; i++) one(`{"name":"row ${i}"}`);
  figures.addBaseline("sqlite", rows / seconds(started));
  db.close();
}

/** BENCH_ONLY=history,schedules runs those sections only (the SQLite baseline always runs). */
function wantedSections(): Section[] {
  const all = Object.keys(SECTIONS) as Section[];
  const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
  if (!only) return all;
  const unknown = only.filter((name) => !all.includes(name as Section));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown sections (${unknown.join(", ")}); the sections are ${all.join(", ")}.`);
  return all.filter((name) => only.includes(name));
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const began = performance.now();
  const sections = wantedSections();
  console.log(`Boardflow benchmark, each figure measured ${settings.repeat} times\n\n| machine | |\n|---|---|\n${machineText()}\n`);
  try {
    console.log("Baselines");
    for (let round = 1; round <= settings.repeat; round++) sqliteBaseline(round);
    for (const section of sections) {
      console.log(`\n${section === "history" ? `history (${settings.historyRuns.toLocaleString("en-US")} runs)` : section}`);
      await SECTIONS[section]();
    }
  } finally {
    removeDataDirs();
  }
  console.log(`\n${figures.table()}\n\n${figures.baselinesText()}\n`);
  const file = writeResults(figures, { startedAt, minutes: seconds(began) / 60, repeat: settings.repeat, historyRuns: settings.historyRuns, sections }, { byFigure: LIMITS, notProfiled: NOT_PROFILED, quietBaselines: QUIET_BASELINES });
  console.log(`Written to ${path.relative(process.cwd(), file)}.`);
}

await main();
