// Against the built server, over loopback HTTP with autocannon: the health baseline, REST item
// batches and webhooks through to recorded runs (the server's own engine executes them; this
// process watches the database), and the server's memory after each round.
import crypto from "node:crypto";
import { webhookToken } from "@/lib/webhooks/token";
import { FIGURE } from "../figures";
import { figures, seconds, settings, succeededRuns, until, useDataDir } from "../support/context";
import { benchAccount, itemToFormatter, onIntegration, webhookToFormatter, type BenchAccount } from "../support/fixtures";
import { load, percentile } from "../support/load";
import { startBenchServer, type BenchServer } from "../support/server";

const SENDERS = 20;
const ms = (value: number) => ({ value, unit: "ms", digits: 1 });
const accepted = (value: number) => ({ value, unit: "POSTs/s", digits: 0 });

async function health(server: BenchServer): Promise<void> {
  const result = await load(server.url, { amount: 10_000, connections: SENDERS, request: () => ({ path: "/api/health" }) });
  if (result.failures > 0) throw new Error(`${result.failures} health requests failed.`);
  figures.addBaseline("health", result.perSecond);
}

/** 100 POSTs of 100 items from 4 senders; the time until the server's engine recorded the 10,000th run. */
async function restItems(server: BenchServer, b: BenchAccount): Promise<void> {
  const integration = onIntegration(b, `REST items ${crypto.randomUUID()}`, itemToFormatter(b));
  const headers = { "content-type": "application/json", "x-access-key-id": b.key.id, "x-access-key-secret": b.key.secret };
  const path = `/api/v1/${b.dev.id}/boards/${b.board.id}/items`;
  const started = performance.now();
  const posted = await load(server.url, {
    amount: 100,
    connections: 4,
    request: (i) => ({ path, method: "POST", headers, body: JSON.stringify(Array.from({ length: 100 }, (_, j) => ({ name: `api ${i * 100 + j}` }))) }),
  });
  if (posted.failures > 0) throw new Error(`${posted.failures} item batches were refused.`);
  await until(() => succeededRuns(integration.id) >= 10_000, 120_000, "10,000 REST runs");
  figures.add(FIGURE.restItems, seconds(started), { "items accepted in": { value: posted.seconds, unit: "s", digits: 2 } });
}

/** `posts` POSTs of `perPost` items from 20 senders, until the server's engine recorded every run `Succeeded`. */
async function webhooks(server: BenchServer, b: BenchAccount, perPost: number, posts: number): Promise<void> {
  const integration = onIntegration(b, `Webhook ${perPost} ${crypto.randomUUID()}`, webhookToFormatter());
  const path = `/api/hooks/${webhookToken(integration.id, "development")}`;
  const body = JSON.stringify(perPost === 1 ? { name: "ada" } : Array.from({ length: perPost }, (_, i) => ({ name: `ada ${i}` })));
  const started = performance.now();
  const posted = await load(server.url, { amount: posts, connections: SENDERS, request: () => ({ path, method: "POST", headers: { "content-type": "application/json" }, body }) });
  if (posted.failures > 0) throw new Error(`${posted.failures} webhook requests were refused.`);
  await until(() => succeededRuns(integration.id) === posts * perPost, 120_000, `${posts * perPost} webhook runs`);
  const runsPerSecond = (posts * perPost) / seconds(started);
  const p99 = percentile(posted.latencies, 99);
  if (perPost === 1) {
    figures.add(FIGURE.webhookOne, runsPerSecond, { accepted: accepted(posted.perSecond) });
    figures.add(FIGURE.webhookLatency, p99, { p50: ms(percentile(posted.latencies, 50)) });
  } else {
    figures.add(FIGURE.webhookTen, runsPerSecond, { accepted: accepted(posted.perSecond), p99: ms(p99) });
  }
}

export async function serverSection(): Promise<void> {
  const dataDir = useDataDir("server");
  // This process makes webhook addresses for the server: both use the same key.
  process.env.APP_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  const server = await startBenchServer({ port: settings.port, dataDir, env: { APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY } });
  try {
    for (let round = 1; round <= settings.repeat; round++) {
      // A new account each round: the last round's item integration listens to its board.
      const b = await benchAccount();
      await health(server);
      await restItems(server, b);
      await webhooks(server, b, 1, 5_000);
      await webhooks(server, b, 10, 1_000);
      figures.add(FIGURE.rssAfterLoad, server.rssMb());
    }
  } finally {
    await server.stop();
  }
}
