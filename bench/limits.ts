// What limits the figures that can miss their goal on this kind of machine (2 cores), found with
// V8 CPU profiles of the server under the benchmark's own load (BENCH_CPU_PROF, server code not
// minified) and EXPLAIN QUERY PLAN, on 2026-11-25. results.md quotes the explanation of each figure
// that missed its goal in the run that wrote it.
import { FIGURE } from "./figures";
import type { BaselineKey, FigureSpec } from "./support/figures";

/** The baselines of a quiet run on this 2-core machine (2026-11-25), to tell when a run's machine was busy. */
export const QUIET_BASELINES: Record<BaselineKey, number> = { sqlite: 68_000, health: 1_600 };

/** For the figures not profiled: each met its goal on that quiet run. */
export const NOT_PROFILED = "Not profiled: this figure met its goal in a run on a quiet machine of this kind (2026-11-25), so a miss comes from what else the machine was doing (see the baselines above).";

const WEBHOOK_DONE =
  "Already done after profiling: requests arriving together share one commit (lib/group-commit.ts; a one-item webhook transaction wrote 17 pages to the WAL, and its commit was the route's largest cost), and the engine claims runs and records their steps with statements prepared once (preparing them for every batch was half of recording).";

const PAGE =
  "Little of a Run history page's server time is its queries. In a profile of the first page at a million runs, the queries (the page of runs, the chart, the counters) took 9% of the server's busy time and the count of failed runs 3%; reading the session cookie (next-auth decrypting its JWT) took 13%, React rendering the page 25%, the rest of Next.js's request handling 31%, garbage collection 20%. The same runs read through `GET /api/v1/<id>/runs`, without rendering or session, take a few ms. A p95 over the goal comes from the slowest requests, which wait through garbage collection or for the CPU when other work shares the two cores: compare the p50.";

export const LIMITS = new Map<FigureSpec, string>([
  [
    FIGURE.webhookOne,
    `Next.js's handling of each request. In a profile of the server under this load (one item per POST, 20 connections), Next.js's own request handling (routing, the Request and Response objects, writing the answer) took 45% of the server's busy time, garbage collection 14%, the webhook's transaction (reading the integration, writing the run, its counters and its search entry, the commit) 24%, the engine executing and recording the runs 10%. \`GET /api/health\`, which does no work of its own, is the ceiling: compare the ratio to it. ${WEBHOOK_DONE} Going further would mean serving webhooks outside Next.js (bare \`node:http\` serves 13,000–14,000 req/s here, SPEC §8), which the one-process design does not do.`,
  ],
  [
    FIGURE.webhookLatency,
    "The senders queue behind each other: with 20 connections each waiting for its answer, a request waits on average for the 19 others ahead of it, 20 / (requests per second) — 25 ms at 800 requests/s — so the latency follows the throughput above. The slowest 1% also wait through garbage collection (14% of the server's time under this load) and the engine's batches, which claim and record runs on the same thread between requests.",
  ],
  [
    FIGURE.webhookTen,
    `SQLite's work per run, on the core it shares with the HTTP layer. Each run is written three times: queued (the runs row and its 9 indexes, the FTS5 search entry a trigger fills, two counters), claimed (status and lease), recorded (status, its step, the daily count). In a profile of the server under this load, the webhook transactions took 27% of the busy time (most of it SQLite inserting the runs with their indexes and search entries), the engine's claims and records 30% (mostly SQLite executing prepared statements), Next.js's request handling 26%, garbage collection 12%. Statements are prepared once and each transaction holds hundreds of runs. ${WEBHOOK_DONE}`,
  ],
  [
    FIGURE.historyCommonWord,
    `The count of failed runs matching the filter, which the page shows builders and admins for "Re-run the failed runs matching this filter". With a search, that count walks every run matching the words — 100,000 for a city in a tenth of the runs — and looks each up in the status index (EXPLAIN QUERY PLAN: a scan of the FTS5 matches, then the covering index runs_app_status_id for each): 60–180 ms for that one query alone on a quiet machine, while reading the page of the newest 50 matches takes 1–2 ms. Counting only up to 10,001 (done) does not shorten it, since these matches hold about 6,000 failed runs. Not counting would mean confirming a re-run without saying how many runs it re-runs. The rest of the page costs what it costs in the other variants: compare their p50 in the table above.`,
  ],
  ...[FIGURE.historyFirstPage, FIGURE.historyLaterPage, FIGURE.historyFailed, FIGURE.historyWeek, FIGURE.historyOneRun].map((spec): [FigureSpec, string] => [spec, PAGE]),
]);
