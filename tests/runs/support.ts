// Run history fixtures: an account whose app has two webhook integrations ("Order feed" and
// "Audit trail", each webhook → Formatter) built and deployed through the services, and runs
// queued with `queueRuns` and ended through the queue's own functions (claim, record) with the
// outcome each test chooses. Tests that need steps really executed start an engine instead.
import { getDb } from "@/db/client";
import { integrationOfEnvironment } from "@/db/queries/runnable";
import type { Environment, RunSource } from "@/db/schema";
import { createApp } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import type { JsonValue } from "@/lib/connectors/framework";
import { deploy } from "@/lib/deploy/deploy";
import { queueRuns, toRunnable } from "@/lib/engine/queue";
import { environmentOf } from "@/lib/environments";
import type { StepConfig } from "@/lib/integrations/definition";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { endDueRuns, type Ending } from "../support/end-runs";
import { newAccount } from "../support/fixtures";

export const WEBHOOK_TRIGGER = { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: null, options: {} };

/** Upper-cases the name; `number_round` instead fails on an amount that is not a number. */
export function formatterStep(operation: "text_upper" | "number_round" = "text_upper"): StepConfig {
  const value = operation === "text_upper" ? "{{trigger.body.name}}" : "{{trigger.body.amount}}";
  return { id: "format", name: "Format", connectorKey: "utilities", actionKey: "formatter", connectionId: null, input: { operation, value } };
}

export function webhookIntegration(actor: Actor, appId: string, name: string, step = formatterStep()) {
  const integration = createIntegration(actor, appId, { name });
  saveDefinition(actor, integration.id, { trigger: WEBHOOK_TRIGGER, steps: [step] });
  return integration;
}

/** An account with the app "Orders", its integrations "Order feed" and "Audit trail", deployed once. */
export async function historyAccount(companyName = "Acme") {
  const { admin, accountId } = await newAccount(companyName);
  const app = createApp(admin, { name: "Orders" });
  const feed = webhookIntegration(admin, app.id, "Order feed");
  const audit = webhookIntegration(admin, app.id, "Audit trail");
  deploy(admin, app.id);
  return { admin, accountId, app, feed, audit, prod: environmentOf(accountId, "production"), dev: environmentOf(accountId, "development") };
}

export type HistoryAccount = Awaited<ReturnType<typeof historyAccount>>;

/** Queues one run per item for the integration as it is now in the environment; returns their IDs. */
export function queue(env: Environment, integrationId: string, items: JsonValue[], source: RunSource = "webhook"): number[] {
  const runnable = toRunnable(env, integrationOfEnvironment(integrationId, env.kind)!)!;
  return getDb().transaction((tx) => queueRuns(tx, runnable, source, items));
}

/** Ends these queued runs as `ending` says, as a worker would; other queued runs stay queued. */
export function finish(runIds: number[], ending: Ending, at = Date.now()): void {
  const wanted = new Set(runIds);
  endDueRuns("history-test", at, (run) => (wanted.has(run.id) ? ending : null));
}

/** Queues the items and ends their runs at once. */
export function ranAs(env: Environment, integrationId: string, items: JsonValue[], ending: Ending): number[] {
  const ids = queue(env, integrationId, items);
  finish(ids, ending);
  return ids;
}

/** `{ body: { name } }` items, as a webhook would give them. */
export const orders = (...names: string[]): JsonValue[] => names.map((name) => ({ body: { name } }));
