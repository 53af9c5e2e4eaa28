// The figures `npm run bench` reports, with the floor (what the issues require) and the goal of
// SPEC §8, in the order of its table. bench/README.md says how each is measured.
import type { FigureSpec } from "./support/figures";

const HISTORY_P95 = { unit: "ms", digits: 1, label: "p95", floor: { op: "<", value: 150 }, goal: { op: "<", value: 100 } } as const;
const RSS = { unit: "MB", digits: 0, floor: { op: "<", value: 400 }, goal: { op: "<", value: 300 } } as const;

export const FIGURE = {
  itemsWritten: { name: "Board items written through the service (batches of 100, runs queued in the same transaction)", unit: "items/s", digits: 0, ratioTo: "sqlite" },
  itemsThroughEngine: { name: "Board item → Formatter → recorded, no HTTP", unit: "runs/s", digits: 0, goal: { op: "≥", value: 5000 }, ratioTo: "sqlite" },
  restItems: { name: "REST API: 10,000 items in batches of 100 → 10,000 runs recorded", unit: "s", digits: 2, floor: { op: "<", value: 10 }, goal: { op: "<", value: 4 } },
  webhookOne: { name: "Webhook → Formatter, one item per POST, every run executed and recorded", unit: "runs/s", digits: 0, goal: { op: "≥", value: 800 }, ratioTo: "health" },
  webhookLatency: { name: "Webhook latency at 20 concurrent senders (one item per POST)", unit: "ms", digits: 1, label: "p99", goal: { op: "<", value: 50 } },
  webhookTen: { name: "Webhook → Formatter, 10-item bodies, every run executed and recorded", unit: "runs/s", digits: 0, floor: { op: "≥", value: 2000 }, goal: { op: "≥", value: 5000 }, ratioTo: "health" },
  rssAfterLoad: { name: "Server memory (RSS) after the above", ...RSS },
  historyFirstPage: { name: "Run history page: the first page (server time)", ...HISTORY_P95 },
  historyLaterPage: { name: "Run history page: a later page by cursor (server time)", ...HISTORY_P95 },
  historyFailed: { name: "Run history page: one integration's failed runs (server time)", ...HISTORY_P95 },
  historyWeek: { name: "Run history page: a week of one integration (server time)", ...HISTORY_P95 },
  historyOneRun: { name: "Run history page: text search matching one run (server time)", ...HISTORY_P95 },
  historyCommonWord: { name: "Run history page: text search for a common word (server time)", ...HISTORY_P95 },
  apiFirstPage: { name: "GET /api/v1/<id>/runs: the first page (server time)", ...HISTORY_P95 },
  apiOneRun: { name: "GET /api/v1/<id>/runs: text search matching one run (server time)", ...HISTORY_P95 },
  runsThisMonth: { name: "Runs this month (the counter row, in process)", unit: "ms", digits: 2, label: "p95", floor: { op: "<", value: 20 }, goal: { op: "<", value: 5 } },
  rssAfterHistory: { name: "Server memory (RSS) after serving the history", ...RSS },
  schedules: { name: "500 schedule-triggered integrations due on the same minute: the last one started", unit: "s", digits: 2, floor: { op: "<", value: 2 }, goal: { op: "<", value: 1 } },
} satisfies Record<string, FigureSpec>;
