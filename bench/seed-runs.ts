// Generates a Run history to measure and explain queries against: an account with one app whose
// integrations (webhook → formatter) are built and deployed through the services, then N
// Production runs over the last D days, written by the engine's own writers: queued with
// insertQueuedRuns at their time in the past (one transaction per burst, as queueing does), then
// claimed and recorded with claimRuns and recordOutcomes. So the run counters and daily counts are
// kept by the code the engine uses. All runs are finished but the newest 20, left for the server.
//
//   DATA_DIR=/tmp/runs-300k npx tsx bench/seed-runs.ts --runs 300000 --integrations 8 --days 60
//
// Prints what a benchmark needs as JSON: Account ID, app, integrations, the admin's sign-in and
// a Production access key.
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { integrationOfEnvironment } from "@/db/queries/runnable";
import { ensureIntegrationVersion, insertQueuedRuns, type NewRun } from "@/db/queries/runs";
import type { Run } from "@/db/schema";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { createAccount } from "@/lib/accounts/create-account";
import { createApp } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import { deploy } from "@/lib/deploy/deploy";
import { toRunnable, type Runnable } from "@/lib/engine/queue";
import { environmentOf } from "@/lib/environments";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { endDueRuns, type Ending } from "../tests/support/end-runs";

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Dennis", "Frances", "John", "Radia", "Tim", "Shafi", "Leslie", "Niklaus", "Anita", "Guido", "Linus", "Hedy"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Ritchie", "Allen", "Backus", "Perlman", "Berners", "Goldwasser", "Lamport", "Wirth", "Borg", "Rossum", "Torvalds", "Lamarr"];
/** Each city is in about a tenth of the runs: a search for one is the "common word" search. */
export const CITIES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Osaka", "Tunis", "Quebec", "Perth", "Porto", "Gdansk"];
const ERRORS = ["The remote answered 500 Internal Server Error.", "Request timed out after 30 s.", "Kissflow: Values.total must be a number."];

export type SeedOptions = { runs: number; integrations: number; days: number };
export type SeededHistory = { accountId: string; appId: string; integrationIds: string[]; email: string; password: string; accessKey: { id: string; secret: string }; runs: number };

const pick = <T>(list: readonly T[]) => list[crypto.randomInt(list.length)];
const DAY_MS = 86_400_000;
/** Runs queued in one transaction and then claimed and recorded together. */
const BURST_RUNS = 2000;
/** Runs per webhook request, a tenth of a second apart within a burst. */
const EVENT_RUNS = 10;
const EVENT_SPACING_MS = 100;
const STILL_QUEUED = 20;
const OWNER = "bench-seed";

/** The order number in run `index`'s trigger item, in no other run: a search for it finds one. */
export function orderNumber(index: number): string {
  return `ORD-${100000 + index}`;
}

async function buildApp(integrationCount: number) {
  const password = crypto.randomBytes(12).toString("hex");
  const email = `bench-${crypto.randomUUID()}@example.com`;
  const { accountId, userId } = await createAccount({ companyName: "Bench Co", name: "Bench Admin", email, password });
  const admin: Actor = { userId, accountId, role: "admin", label: `user:${userId}` };
  const app = createApp(admin, { name: "Orders" });
  const integrationIds: string[] = [];
  for (let n = 1; n <= integrationCount; n++) {
    const integration = createIntegration(admin, app.id, { name: `Order feed ${n}` });
    saveDefinition(admin, integration.id, {
      trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: null, options: {} },
      steps: [{ id: "shout", name: "Shout the customer", connectorKey: "utilities", actionKey: "formatter", connectionId: null, input: { operation: "text_upper", value: "{{trigger.body.customer}}" } }],
    });
    integrationIds.push(integration.id);
  }
  deploy(admin, app.id);
  const accessKey = createAccessKey(admin, "production", { name: "Bench key" });
  const env = environmentOf(accountId, "production");
  const runnables = integrationIds.map((id) => toRunnable(env, integrationOfEnvironment(id, "production")!)!);
  // The version rows the runs point at, as queueing the first run of each writes them.
  for (const r of runnables) ensureIntegrationVersion({ id: r.versionId, integrationId: r.integrationId, environmentId: env.id, version: r.version, name: r.name, definition: r.definition });
  return { admin, app, runnables, email, password, accessKey: { id: accessKey.id, secret: accessKey.secret } };
}

function newRun(index: number, runnable: Runnable): NewRun {
  const body = { order: orderNumber(index), customer: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, city: pick(CITIES), amount: crypto.randomInt(1, 5000) };
  return { environmentId: runnable.environmentId, appId: runnable.appId, integrationId: runnable.integrationId, versionId: runnable.versionId, version: runnable.version, source: "webhook", triggerData: { body } };
}

/** Queues runs `first`…`first + count - 1` as webhook requests of EVENT_RUNS items from `at` on; returns the last request's time. */
function queueBurst(runnables: Runnable[], first: number, count: number, at: number): number {
  let now = at;
  getDb().transaction(() => {
    for (let index = first; index < first + count; index += EVENT_RUNS, now += EVENT_SPACING_MS) {
      const runnable = runnables[Math.floor(index / EVENT_RUNS) % runnables.length];
      const size = Math.min(EVENT_RUNS, first + count - index);
      insertQueuedRuns(Array.from({ length: size }, (_, n) => newRun(index + n, runnable)), now);
    }
  });
  return now - EVENT_SPACING_MS;
}

/** How a busy integration's runs end: about 6% fail with one of a few errors. Recorded 20–60 ms after the claim. */
function endingOf(run: Run, claimedAt: number): Ending {
  const customer = (run.triggerData as { body: { customer: string } }).body.customer;
  const failed = crypto.randomInt(1000) < 60;
  const error = failed ? pick(ERRORS) : null;
  const finishedAt = claimedAt + 20 + crypto.randomInt(40);
  const step = {
    position: 0,
    stepId: "shout",
    name: "Shout the customer",
    connectorKey: "utilities",
    actionKey: "formatter",
    status: failed ? ("failed" as const) : ("succeeded" as const),
    input: { operation: "text_upper", value: customer },
    output: failed ? null : { result: customer.toUpperCase() },
    error,
    attempts: 1,
    durationMs: finishedAt - claimedAt,
    finishedAt,
  };
  return { status: failed ? "failed" : "succeeded", error: failed ? `Step "Shout the customer": ${error}` : null, steps: [step], finishedAt };
}

export async function seedRuns(options: SeedOptions): Promise<SeededHistory> {
  const { admin, app, runnables, email, password, accessKey } = await buildApp(options.integrations);
  const finished = Math.max(0, options.runs - STILL_QUEUED);
  const start = Date.now() - options.days * DAY_MS;
  const burstSpacing = (options.days * DAY_MS) / Math.ceil(finished / BURST_RUNS);
  for (let first = 0, at = start; first < finished; first += BURST_RUNS, at += burstSpacing) {
    const lastQueuedAt = queueBurst(runnables, first, Math.min(BURST_RUNS, finished - first), Math.floor(at));
    const claimedAt = lastQueuedAt + 5;
    endDueRuns(OWNER, claimedAt, (run) => endingOf(run, claimedAt));
  }
  queueBurst(runnables, finished, options.runs - finished, Date.now());
  return { accountId: admin.accountId, appId: app.id, integrationIds: runnables.map((r) => r.integrationId), email, password, accessKey, runs: options.runs };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "300000" }, integrations: { type: "string", default: "8" }, days: { type: "string", default: "60" } } });
  const options = { runs: Number(values.runs), integrations: Number(values.integrations), days: Number(values.days) };
  if (![options.runs, options.integrations, options.days].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error("--runs, --integrations and --days are whole numbers above 0.");
  }
  const began = Date.now();
  const seeded = await seedRuns(options);
  console.error(`Seeded ${options.runs} runs in ${((Date.now() - began) / 1000).toFixed(1)} s into ${process.env.DATA_DIR ?? "./data"}.`);
  console.log(JSON.stringify(seeded, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
