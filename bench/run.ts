// `npm run bench`: measures the figures of SPEC §8 on this machine and prints them beside two
// baselines measured in the same run (SQLite's one-row-per-transaction insert rate on this disk,
// and the req/s of GET /api/health), because machines are noisy and the ratios are what compare.
// Everything runs in a fresh temporary data folder, deleted at the end.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { and, count, eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { runs } from "@/db/schema";
import { createEngine } from "@/lib/engine/engine";
import { engineSettings } from "@/lib/engine/settings";
import { environmentOf } from "@/lib/environments";
import { createItems } from "@/lib/items/items";
import { appRunsThisMonth, findRuns, type AppRunScope } from "@/lib/runs/history";
import { parseRunQuery } from "@/lib/runs/run-query";
import { webhookToken } from "@/lib/webhooks/token";
import { seedRuns } from "./seed-runs";
import { benchAccount, itemToFormatter, onIntegration, scheduleToFormatter, webhookToFormatter, type BenchAccount } from "./support/fixtures";
import { load, percentile, timeEach } from "./support/load";
import { startBenchServer } from "./support/server";

const PORT = Number(process.env.BENCH_PORT || 3190);
const HISTORY_RUNS = Number(process.env.BENCH_HISTORY_RUNS || 1_000_000);
const SCHEDULES = 500;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-bench-"));

type Figure = { name: string; value: string; floor: string; goal: string };
const figures: Figure[] = [];
const baselines: Record<string, number> = {};

function report(figure: Figure): void {
  figures.push(figure);
  console.log(`  ${figure.name}: ${figure.value}`);
}

function useDataDir(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  closeDb();
  process.env.DATA_DIR = dir;
  return dir;
}

function succeededRuns(integrationId: string): number {
  return getDb().select({ n: count() }).from(runs).where(and(eq(runs.integrationId, integrationId), eq(runs.status, "succeeded"))).get()!.n;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the runs.");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** better-sqlite3 inserting one row per transaction (WAL, synchronous=NORMAL), on this disk. */
function sqliteBaseline(): void {
  const db = new Database(path.join(useDataDir("sqlite-baseline"), "baseline.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  const one = db.transaction((body: string) => insert.run(body));
  const n = 20_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) one(`{"name":"row ${i}"}`);
  baselines.sqliteRowsPerSecond = n / ((performance.now() - started) / 1000);
  db.close();
  console.log(`  SQLite one row per transaction: ${Math.round(baselines.sqliteRowsPerSecond)} rows/s`);
}

/** Board items created through the items service → Formatter → recorded, in this process. */
async function itemsThroughEngine(): Promise<void> {
  useDataDir("engine");
  const b = await benchAccount();
  const integration = onIntegration(b, "Item to formatter", itemToFormatter(b));
  const n = 20_000;
  const queuedAt = performance.now();
  for (let i = 0; i < n; i += 100) createItems(b.admin, b.dev, b.board.id, Array.from({ length: 100 }, (_, j) => ({ name: `item ${i + j}` })));
  const queueSeconds = (performance.now() - queuedAt) / 1000;
  const engine = createEngine(engineSettings());
  const started = performance.now();
  await until(() => succeededRuns(integration.id) === n, 120_000);
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  report({ name: "Board items written (batches of 100, runs queued in the same transaction)", value: `${Math.round(n / queueSeconds)} items/s`, floor: "—", goal: "—" });
  report({ name: "Board item → Formatter → recorded, no HTTP", value: `${Math.round(n / seconds)} runs/s`, floor: "—", goal: "≥ 5,000 runs/s" });
}

/**
 * Webhook → Formatter: `total` POSTs of `perPost` items from 20 senders, until every run is
 * recorded `Succeeded` by the server's engine.
 */
async function webhooks(server: { url: string }, b: BenchAccount, perPost: number, total: number): Promise<void> {
  const integration = onIntegration(b, `Webhook ${perPost} to formatter`, webhookToFormatter());
  const path = new URL(`/api/hooks/${webhookToken(integration.id, "development")}`, server.url).pathname;
  const body = JSON.stringify(perPost === 1 ? { name: "ada" } : Array.from({ length: perPost }, (_, i) => ({ name: `ada ${i}` })));
  const started = performance.now();
  const posted = await load(server.url, { total, concurrency: 20, next: () => ({ path, method: "POST", headers: { "content-type": "application/json" }, body }) });
  if (posted.failures > 0) throw new Error(`${posted.failures} webhook requests were refused.`);
  await until(() => succeededRuns(integration.id) === total * perPost, 120_000);
  const seconds = (performance.now() - started) / 1000;
  const what = perPost === 1 ? "one item per POST" : `${perPost}-item bodies`;
  report({
    name: `Webhook → Formatter, ${what}, every run executed and recorded`,
    value: `${Math.round((total * perPost) / seconds)} runs/s (${Math.round(posted.perSecond)} POSTs/s accepted, p99 ${posted.p99.toFixed(1)} ms at 20 senders)`,
    floor: perPost === 1 ? "—" : "≥ 2,000 runs/s",
    goal: perPost === 1 ? "≥ 800 runs/s; p99 < 50 ms" : "≥ 5,000 runs/s",
  });
}

async function againstServer(): Promise<void> {
  const dataDir = useDataDir("server");
  // This process makes webhook addresses for the server: both use the same key.
  process.env.APP_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  const server = await startBenchServer({ port: PORT, dataDir, env: { APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY } });
  try {
    const health = await load(server.url, { total: 10_000, concurrency: 20, next: () => ({ path: "/api/health" }) });
    baselines.healthPerSecond = health.perSecond;
    console.log(`  GET /api/health: ${Math.round(health.perSecond)} req/s (p99 ${health.p99.toFixed(1)} ms)`);

    const b = await benchAccount();
    const integration = onIntegration(b, "REST items to formatter", itemToFormatter(b));
    const n = 10_000;
    const headers = { "content-type": "application/json", "x-access-key-id": b.key.id, "x-access-key-secret": b.key.secret };
    const started = performance.now();
    const posted = await load(server.url, {
      total: n / 100,
      concurrency: 4,
      next: (i) => ({ path: `/api/v1/${b.dev.id}/boards/${b.board.id}/items`, method: "POST", headers, body: JSON.stringify(Array.from({ length: 100 }, (_, j) => ({ name: `api ${i * 100 + j}` }))) }),
    });
    if (posted.failures > 0) throw new Error(`${posted.failures} item batches were refused.`);
    await until(() => succeededRuns(integration.id) === n, 120_000);
    const seconds = (performance.now() - started) / 1000;
    report({ name: "REST API: 10,000 items in batches of 100 → 10,000 runs recorded", value: `${seconds.toFixed(2)} s (items accepted in ${posted.seconds.toFixed(2)} s)`, floor: "< 10 s", goal: "< 4 s" });
    await webhooks(server, b, 1, 5_000);
    await webhooks(server, b, 10, 1_000);
    report({ name: "Server memory (RSS) after the above", value: `${Math.round(server.rssMb())} MB`, floor: "< 400 MB", goal: "< 300 MB" });
  } finally {
    await server.stop();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** p95 (and p50) of the service call that serves a page, in this process: the server's own time. */
async function serverTime(name: string, times: number, fn: (i: number) => unknown, floor: string, goal: string): Promise<void> {
  const durations = await timeEach(times, fn);
  report({ name, value: `p95 ${ms(percentile(durations, 95))} (p50 ${ms(percentile(durations, 50))})`, floor, goal });
}

/**
 * Run history over generated runs (bench/seed-runs.ts): the service calls behind the first page,
 * a filtered page, a text search and the runs-this-month figure, then the REST endpoint over HTTP
 * against the server started on the same data, and that server's memory.
 */
async function historyAtScale(): Promise<void> {
  const dataDir = useDataDir("history");
  const seededAt = performance.now();
  const seeded = await seedRuns({ runs: HISTORY_RUNS, integrations: 8, days: 60, steps: true });
  console.log(`  (generated in ${((performance.now() - seededAt) / 1000).toFixed(0)} s)`);
  const scope: AppRunScope = { environment: environmentOf(seeded.accountId, "production"), appId: seeded.appId };
  const page = (query: Record<string, string>) => findRuns(scope, parseRunQuery(query));
  const firstPage = page({});
  const older = String(firstPage.older);
  const floor = "p95 < 150 ms";
  const goal = "p95 < 100 ms";
  await serverTime("Run history: first page (50 runs)", 50, () => page({}), floor, goal);
  await serverTime("Run history: a later page (cursor)", 50, () => page({ cursor: older }), floor, goal);
  await serverTime("Run history: one integration's failed runs", 50, (i) => page({ integrationId: seeded.integrationIds[i % seeded.integrationIds.length], status: "failed" }), floor, goal);
  await serverTime("Run history: a week's runs of one integration", 50, (i) => {
    const to = new Date(Date.now() - (i % 30) * 86_400_000);
    const from = new Date(to.getTime() - 7 * 86_400_000);
    return page({ integrationId: seeded.integrationIds[0], from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) });
  }, floor, goal);
  await serverTime("Run history: text search, one matching run", 50, (i) => page({ q: `ORD-${100000 + ((i * 7919) % HISTORY_RUNS)}` }), floor, goal);
  await serverTime("Run history: text search, a common word", 50, () => page({ q: "Lisbon" }), floor, goal);
  await serverTime("Runs this month (one counter row)", 500, () => appRunsThisMonth(scope), "< 20 ms", "< 5 ms");

  // One access key reads the history as fast as it can: the per-key rate limit is not what is measured.
  const server = await startBenchServer({ port: PORT, dataDir, env: { API_RATE_LIMIT_PER_SECOND: "1000000", API_RATE_LIMIT_BURST: "1000000" } });
  try {
    const headers = { "x-access-key-id": seeded.accessKey.id, "x-access-key-secret": seeded.accessKey.secret };
    const api = `/api/v1/${seeded.accountId}/runs?appId=${seeded.appId}`;
    const first = await load(server.url, { total: 200, concurrency: 1, next: () => ({ path: api, headers }) });
    const search = await load(server.url, { total: 200, concurrency: 1, next: (i) => ({ path: `${api}&q=ORD-${100000 + ((i * 7919) % HISTORY_RUNS)}`, headers }) });
    if (first.failures + search.failures > 0) throw new Error("The runs endpoint refused requests.");
    report({ name: "GET /api/v1/<id>/runs over HTTP: first page / a text search", value: `p95 ${ms(first.p95)} / ${ms(search.p95)}`, floor, goal });
    report({ name: "Server memory (RSS) after serving the history", value: `${Math.round(server.rssMb())} MB`, floor: "< 400 MB", goal: "< 300 MB" });
  } finally {
    await server.stop();
  }
}

/**
 * 500 Development integrations on a schedule of every minute: how long after the minute the
 * server's scheduler queued them all, and its engine started them all.
 */
async function schedulesOnOneMinute(): Promise<void> {
  const dataDir = useDataDir("schedules");
  const b = await benchAccount();
  for (let n = 1; n <= SCHEDULES; n++) onIntegration(b, `Every minute ${n}`, scheduleToFormatter());
  const server = await startBenchServer({ port: PORT, dataDir });
  try {
    // The first minute whose every tick was queued and started (a minute that began before the
    // scheduler did has fewer).
    const completeMinute = () => {
      const byMinute = new Map<string, { createdAt: number; startedAt: number | null }[]>();
      for (const run of getDb().select({ createdAt: runs.createdAt, startedAt: runs.startedAt, triggerData: runs.triggerData }).from(runs).where(eq(runs.source, "schedule")).all()) {
        const minute = (run.triggerData as { scheduledAt: string }).scheduledAt;
        byMinute.set(minute, [...(byMinute.get(minute) ?? []), run]);
      }
      return [...byMinute.entries()].find(([, list]) => list.length === SCHEDULES && list.every((run) => run.startedAt !== null));
    };
    await until(() => completeMinute() !== undefined, 150_000);
    const [minute, ticks] = completeMinute()!;
    const due = Date.parse(minute);
    const queued = Math.max(...ticks.map((run) => run.createdAt)) - due;
    const started = Math.max(...ticks.map((run) => run.startedAt!)) - due;
    report({ name: `${SCHEDULES} schedule-triggered integrations due on the same minute`, value: `all queued ${queued} ms and started ${started} ms after the minute`, floor: "all started within 2 s", goal: "within 1 s" });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Boardflow benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}\nData: ${root}\n`);
  try {
    // BENCH_ONLY=history,schedules runs those sections only (the baselines always run).
    const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
    const wanted = (section: string) => !only || only.includes(section);
    console.log("Baselines");
    sqliteBaseline();
    if (wanted("engine")) {
      console.log("Engine");
      await itemsThroughEngine();
    }
    if (wanted("server")) {
      console.log("Server");
      await againstServer();
    }
    if (wanted("history")) {
      console.log(`Run history with ${HISTORY_RUNS.toLocaleString("en-US")} runs`);
      await historyAtScale();
    }
    if (wanted("schedules")) {
      console.log(`${SCHEDULES} schedules due on the same minute`);
      await schedulesOnOneMinute();
    }
  } finally {
    closeDb();
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log("\n| figure | measured | floor | goal |\n|---|---|---|---|");
  for (const f of figures) console.log(`| ${f.name} | ${f.value} | ${f.floor} | ${f.goal} |`);
  const health = baselines.healthPerSecond ? `; GET /api/health ${Math.round(baselines.healthPerSecond)} req/s` : "";
  console.log(`\nBaselines: SQLite ${Math.round(baselines.sqliteRowsPerSecond)} rows/s one per transaction${health}.`);
}

await main();
