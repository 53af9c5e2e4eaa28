// Generates a Run history to measure and explain queries against: an account with one app whose
// integrations (webhook → formatter) are built and deployed through the services, then N
// Production runs spread over the last D days (all finished but the newest 20), with their steps,
// counters and daily counts.
//
//   DATA_DIR=/tmp/runs-300k npx tsx bench/seed-runs.ts --runs 300000 --integrations 8 --days 60
//
// Prints what a benchmark needs as JSON: Account ID, app, integrations, a Production access key.
// The rows are written straight into the tables in big transactions: no service produces finished
// runs in the past, and the engine would take minutes for a million of them.
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { integrationOfEnvironment } from "@/db/queries/runnable";
import { dayOf, ensureIntegrationVersion, monthOf } from "@/db/queries/runs";
import { runCounters, runDailyCounts, runs, runSteps, type FinishedRunStatus, type RunStatus } from "@/db/schema";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { createAccount } from "@/lib/accounts/create-account";
import { createApp } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import { deploy } from "@/lib/deploy/deploy";
import { toRunnable, type Runnable } from "@/lib/engine/queue";
import { environmentOf } from "@/lib/environments";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Dennis", "Frances", "John", "Radia", "Tim", "Shafi", "Leslie", "Niklaus", "Anita", "Guido", "Linus", "Hedy"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Ritchie", "Allen", "Backus", "Perlman", "Berners", "Goldwasser", "Lamport", "Wirth", "Borg", "Rossum", "Torvalds", "Lamarr"];
const CITIES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Osaka", "Tunis", "Quebec", "Perth", "Porto", "Gdansk"];
const ERRORS = ["The remote answered 500 Internal Server Error.", "Request timed out after 30 s.", "Kissflow: Values.total must be a number."];

export type SeedOptions = { runs: number; integrations: number; days: number; steps: boolean };
export type SeededHistory = { accountId: string; appId: string; integrationIds: string[]; email: string; password: string; accessKey: { id: string; secret: string }; runs: number };

const pick = <T>(list: readonly T[]) => list[crypto.randomInt(list.length)];
const DAY_MS = 86_400_000;
const BATCH = 2000;

type NewRunRow = typeof runs.$inferInsert & { createdAt: number };

function statusAt(index: number, total: number): RunStatus {
  // The newest few are still queued (a server started on the data executes them); the rest ended
  // the way busy integrations end.
  if (index >= total - 20) return "queued";
  const roll = crypto.randomInt(1000);
  return roll < 60 ? "failed" : roll < 90 ? "filtered" : "succeeded";
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
  // The version rows the runs point at, as queueing the first run of each would write them.
  const runnables = integrationIds.map((id) => toRunnable(env, integrationOfEnvironment(id, "production")!)!);
  for (const r of runnables) ensureIntegrationVersion({ id: r.versionId, integrationId: r.integrationId, environmentId: env.id, version: r.version, name: r.name, definition: r.definition });
  return { admin, app, env, runnables, email, password, accessKey: { id: accessKey.id, secret: accessKey.secret } };
}

/** Run `index`: its order number `ORD-<100000 + index>` is in no other run, for a search with one match. */
function generatedRun(index: number, runnable: Runnable, status: RunStatus, createdAt: number): NewRunRow {
  const finished = status !== "queued";
  return {
    environmentId: runnable.environmentId,
    appId: runnable.appId,
    integrationId: runnable.integrationId,
    versionId: runnable.versionId,
    version: runnable.version,
    status,
    source: "webhook",
    triggerData: { body: { order: `ORD-${100000 + index}`, customer: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, city: pick(CITIES), amount: crypto.randomInt(1, 5000) } },
    attempts: finished ? 1 : 0,
    runAfter: createdAt,
    error: status === "failed" ? pick(ERRORS) : null,
    createdAt,
    startedAt: finished ? createdAt + 5 : null,
    finishedAt: finished ? createdAt + 40 : null,
  };
}

function stepOf(runId: number, run: NewRunRow): typeof runSteps.$inferInsert {
  const customer = (run.triggerData as { body: { customer: string } }).body.customer;
  const failed = run.status === "failed";
  return {
    runId,
    position: 0,
    stepId: "shout",
    name: "Shout the customer",
    connectorKey: "utilities",
    actionKey: "formatter",
    status: failed ? "failed" : "succeeded",
    input: { operation: "text_upper", value: customer },
    output: failed ? null : { result: customer.toUpperCase() },
    error: run.error ?? null,
    attempts: 1,
    durationMs: 30,
    finishedAt: run.finishedAt!,
  };
}

/** The run counters and daily counts of the generated runs, as queueing and recording them would keep. */
function tallies(environmentId: string, appId: string) {
  const counters = new Map<string, typeof runCounters.$inferInsert>();
  const daily = new Map<string, typeof runDailyCounts.$inferInsert>();
  const count = (scope: "app" | "integration", scopeId: string, at: number) => {
    const key = `${scope}|${scopeId}|${monthOf(at)}`;
    const row = counters.get(key) ?? { environmentId, scope, scopeId, month: monthOf(at), runs: 0, lastRunAt: at };
    row.runs += 1;
    row.lastRunAt = at;
    counters.set(key, row);
  };
  return {
    add(run: NewRunRow) {
      count("app", appId, run.createdAt);
      count("integration", run.integrationId, run.createdAt);
      if (run.finishedAt === null || run.finishedAt === undefined) return;
      const day = dayOf(run.finishedAt);
      const key = `${run.integrationId}|${day}|${run.status}`;
      const row = daily.get(key) ?? { environmentId, appId, integrationId: run.integrationId, day, status: run.status as FinishedRunStatus, runs: 0 };
      row.runs += 1;
      daily.set(key, row);
    },
    write() {
      getDb().transaction((tx) => {
        for (const row of counters.values()) tx.insert(runCounters).values(row).run();
        for (const row of daily.values()) tx.insert(runDailyCounts).values(row).run();
      });
    },
  };
}

export async function seedRuns(options: SeedOptions): Promise<SeededHistory> {
  const { admin, app, env, runnables, email, password, accessKey } = await buildApp(options.integrations);
  const start = Date.now() - options.days * DAY_MS;
  const spacing = (options.days * DAY_MS) / options.runs;
  const tally = tallies(env.id, app.id);
  for (let first = 0; first < options.runs; first += BATCH) {
    const batch: NewRunRow[] = [];
    for (let index = first; index < Math.min(first + BATCH, options.runs); index++) {
      // Created in order, so IDs grow with creation times as they do when runs are queued.
      const run = generatedRun(index, runnables[index % runnables.length], statusAt(index, options.runs), Math.floor(start + index * spacing));
      batch.push(run);
      tally.add(run);
    }
    getDb().transaction((tx) => {
      const ids = tx.insert(runs).values(batch).returning({ id: runs.id }).all();
      if (!options.steps) return;
      const steps = ids.map(({ id }, n) => (batch[n].finishedAt ? stepOf(id, batch[n]) : null)).filter((step) => step !== null);
      for (let at = 0; at < steps.length; at += 500) tx.insert(runSteps).values(steps.slice(at, at + 500)).run();
    });
  }
  tally.write();
  return { accountId: admin.accountId, appId: app.id, integrationIds: runnables.map((r) => r.integrationId), email, password, accessKey, runs: options.runs };
}

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "300000" }, integrations: { type: "string", default: "8" }, days: { type: "string", default: "60" }, "no-steps": { type: "boolean", default: false } },
  });
  const options = { runs: Number(values.runs), integrations: Number(values.integrations), days: Number(values.days), steps: !values["no-steps"] };
  if (![options.runs, options.integrations, options.days].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error("--runs, --integrations and --days are whole numbers above 0.");
  }
  const began = Date.now();
  const seeded = await seedRuns(options);
  console.error(`Seeded ${options.runs} runs in ${((Date.now() - began) / 1000).toFixed(1)} s into ${process.env.DATA_DIR ?? "./data"}.`);
  console.log(JSON.stringify(seeded, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
