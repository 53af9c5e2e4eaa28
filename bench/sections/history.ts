// Run history at scale: runs seeded through the engine's own writers (bench/seed-runs.ts), then
// the built server at LOG_LEVEL=debug, signed in as the seeded admin, loaded with the real Run
// history page and GET /api/v1/<id>/runs, one variant after another. Each variant's p50/p95 come
// from the request lines the server logs (its own time), with the client's latency beside them.
import { environmentOf } from "@/lib/environments";
import { appRunsThisMonth } from "@/lib/runs/history";
import { HttpSession } from "../../tests/support/http-session";
import { FIGURE } from "../figures";
import { CITIES, orderNumber, seedRuns, type SeededHistory } from "../seed-runs";
import { figures, seconds, settings, useDataDir } from "../support/context";
import type { FigureSpec } from "../support/figures";
import { load, percentile, type LoadRequest } from "../support/load";
import { startBenchServer, type BenchServer } from "../support/server";

const REQUESTS = 100;
const WARM_UP = 10;
const COUNTER_READS = 500;
const DAY_MS = 86_400_000;
const PAGE_ROUTE = "/apps/[appId]/manage/integrations/runs";
const API_ROUTE = "/api/v1/[accountId]/runs";

type Variant = { spec: FigureSpec; route: string; request: (i: number) => LoadRequest };

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

function variants(seeded: SeededHistory, cookie: string): Variant[] {
  const runs = settings.historyRuns;
  // Spread over the whole history, so no variant reads the same rows every time.
  const spread = (i: number, size: number) => (i * 7919) % size;
  const page = (query: Record<string, string>) => {
    const search = new URLSearchParams(query).toString();
    return { path: `/apps/${seeded.appId}/manage/integrations/runs${search ? `?${search}` : ""}`, headers: { cookie } };
  };
  const apiHeaders = { "x-access-key-id": seeded.accessKey.id, "x-access-key-secret": seeded.accessKey.secret };
  const api = (query: Record<string, string>) => ({ path: `/api/v1/${seeded.accountId}/runs?${new URLSearchParams({ appId: seeded.appId, ...query })}`, headers: apiHeaders });
  const integration = (i: number) => seeded.integrationIds[i % seeded.integrationIds.length];
  return [
    { spec: FIGURE.historyFirstPage, route: PAGE_ROUTE, request: () => page({}) },
    { spec: FIGURE.historyLaterPage, route: PAGE_ROUTE, request: (i) => page({ cursor: String(51 + spread(i, Math.max(1, runs - 50))) }) },
    { spec: FIGURE.historyFailed, route: PAGE_ROUTE, request: (i) => page({ integrationId: integration(i), status: "failed" }) },
    { spec: FIGURE.historyWeek, route: PAGE_ROUTE, request: (i) => page({ integrationId: integration(i), from: day((i % 50) + 6), to: day(i % 50) }) },
    { spec: FIGURE.historyOneRun, route: PAGE_ROUTE, request: (i) => page({ q: orderNumber(spread(i, runs)) }) },
    { spec: FIGURE.historyCommonWord, route: PAGE_ROUTE, request: (i) => page({ q: CITIES[i % CITIES.length] }) },
    { spec: FIGURE.apiFirstPage, route: API_ROUTE, request: () => api({}) },
    { spec: FIGURE.apiOneRun, route: API_ROUTE, request: (i) => api({ q: orderNumber(spread(i, runs)) }) },
  ];
}

const ms = (value: number) => ({ value, unit: "ms", digits: 1 });

/** One variant, one request at a time: the server's p95 (and p50) from its log, the client's p95. */
async function measure(server: BenchServer, variant: Variant, amount: number, report: boolean): Promise<void> {
  const client = await load(server.url, { amount, connections: 1, request: variant.request });
  if (client.failures > 0) throw new Error(`${client.failures} requests for "${variant.spec.name}" failed.`);
  const lines = (await server.takeRequestLines(variant.route, amount)).filter((line) => line.route === variant.route);
  if (lines.length !== amount || lines.some((line) => line.status !== 200)) throw new Error(`The server logged ${lines.length} answers for "${variant.spec.name}", not ${amount} of 200.`);
  if (!report) return;
  const serverTimes = lines.map((line) => line.durationMs).sort((a, b) => a - b);
  figures.add(variant.spec, percentile(serverTimes, 95), { p50: ms(percentile(serverTimes, 50)), "client p95": ms(percentile(client.latencies, 95)) });
}

function runsThisMonth(seeded: SeededHistory): void {
  const scope = { environment: environmentOf(seeded.accountId, "production"), appId: seeded.appId };
  const durations: number[] = [];
  for (let i = 0; i < COUNTER_READS; i++) {
    const started = performance.now();
    appRunsThisMonth(scope);
    durations.push(performance.now() - started);
  }
  figures.add(FIGURE.runsThisMonth, percentile(durations.sort((a, b) => a - b), 95));
}

export async function historySection(): Promise<void> {
  const dataDir = useDataDir("history");
  const seeding = performance.now();
  const seeded = await seedRuns({ runs: settings.historyRuns, integrations: 8, days: 60 });
  const took = seconds(seeding);
  figures.note(`Seeded ${settings.historyRuns.toLocaleString("en-US")} runs through the engine's writers (insertQueuedRuns, claimRuns, recordOutcomes) in ${took.toFixed(0)} s (${Math.round(settings.historyRuns / took).toLocaleString("en-US")} runs/s).`);
  // One access key reads the history as fast as it can: the per-key rate limit is not what is measured.
  const server = await startBenchServer({ port: settings.port, dataDir, env: { LOG_LEVEL: "debug", API_RATE_LIMIT_PER_SECOND: "1000000", API_RATE_LIMIT_BURST: "1000000" } });
  try {
    const session = new HttpSession(server.url);
    if (!(await session.signIn(seeded.email, seeded.password))) throw new Error("The seeded admin could not sign in.");
    const all = variants(seeded, session.header());
    for (const variant of all) await measure(server, variant, WARM_UP, false);
    for (let round = 1; round <= settings.repeat; round++) {
      for (const variant of all) await measure(server, variant, REQUESTS, true);
      runsThisMonth(seeded);
      figures.add(FIGURE.rssAfterHistory, server.rssMb());
    }
  } finally {
    await server.stop();
  }
}
