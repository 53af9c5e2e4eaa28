// Polling triggers, driven by the scheduler's heartbeat: each integration On with a polling
// trigger is polled when its interval has passed (or its options changed), a few at a time. A
// poll's new items are queued as runs in the transaction that stores its cursor; a poll that
// fails stores its error (shown with the integration) and keeps the cursor.
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { onIntegrationsWithTriggerConnectors, onVersions, savePollCursor, savePollError, triggerPollsOf, type EnvironmentIntegrationRow } from "@/db/queries/triggers";
import type { EnvironmentKind, TriggerPoll } from "@/db/schema";
import { contextForOptionalConnection } from "@/lib/connections/connection-context";
import type { Connector, TriggerDefinition } from "@/lib/connectors/framework";
import { getConnector, listConnectors } from "@/lib/connectors/registry";
import { queueRuns, toRunnable, type Runnable } from "@/lib/engine/queue";
import { AppError } from "@/lib/errors";

const POLL_CONCURRENCY = 4;
// The heartbeat is once a minute and never exact: a poll a few seconds early is still due.
const EARLY_MS = 5_000;

type PollTarget = {
  kind: EnvironmentKind;
  runnable: Runnable;
  connector: Connector<unknown>;
  trigger: TriggerDefinition<unknown, unknown>;
  options: unknown;
  optionsHash: string;
  intervalMs: number;
};

const inFlight = new Set<string>();
const keyOf = (target: PollTarget) => `${target.runnable.environmentId}:${target.runnable.integrationId}`;

function pollingConnectorKeys(): string[] {
  return listConnectors()
    .filter((connector) => connector.triggers.some((trigger) => trigger.type === "polling"))
    .map((connector) => connector.key);
}

/** The polling triggers among the rows, with their parsed options; one that no longer parses is skipped. */
function pollTargetsOf(rows: EnvironmentIntegrationRow[]): PollTarget[] {
  return rows.flatMap((row) => {
    const runnable = toRunnable({ id: row.environmentId }, row);
    const config = runnable?.definition.trigger;
    const connector = config ? getConnector(config.connectorKey) : undefined;
    const trigger = connector?.triggers.find((t) => t.key === config!.triggerKey);
    if (!runnable || !connector || !trigger?.poll || !trigger.pollIntervalMinutes) return [];
    const options = trigger.options.safeParse(config!.options);
    if (!options.success) return [];
    const optionsHash = crypto.createHash("sha256").update(JSON.stringify([config!.connectorKey, config!.triggerKey, config!.connectionId, options.data])).digest("base64url");
    return [{ kind: row.kind, runnable, connector, trigger, options: options.data, optionsHash, intervalMs: trigger.pollIntervalMinutes(options.data) * 60_000 }];
  });
}

/** The integrations On with a polling trigger, in every account and both environments. */
function pollTargets(): PollTarget[] {
  return pollTargetsOf(onIntegrationsWithTriggerConnectors(pollingConnectorKeys()));
}

/** Polls one trigger from its stored state; returns the runs it queued. Never throws: a failure is stored as the last poll error. */
async function pollOnce(target: PollTarget, state: TriggerPoll | undefined, now: number): Promise<number[]> {
  const { runnable } = target;
  const ids = { integrationId: runnable.integrationId, environmentId: runnable.environmentId };
  const cursor = state?.optionsHash === target.optionsHash ? state.cursor : null;
  try {
    const context = contextForOptionalConnection(target.connector, runnable.definition.trigger!.connectionId, runnable.environmentId);
    const result = await target.trigger.poll!({ ...context, options: target.options, cursor });
    return getDb().transaction((tx) => {
      savePollCursor(tx, { ...ids, optionsHash: target.optionsHash, cursor: result.cursor, polledAt: now });
      // Turned off (or changed) while polling: what it saw counts as seen, and starts no run.
      const stillOn = onVersions(target.kind, [runnable.integrationId], tx).get(runnable.integrationId) === runnable.version;
      return stillOn ? queueRuns(tx, runnable, "poll", result.items) : [];
    });
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The poll failed unexpectedly; the server log has the details.";
    console.warn(JSON.stringify({ message: "A poll failed", ...ids, error: message, kind: error instanceof AppError ? undefined : (error as Error)?.name }));
    savePollError(getDb(), { ...ids, error: message, polledAt: now });
    return [];
  }
}

/** Whether a target is due: never polled, options changed, or its interval has passed. */
function isDue(target: PollTarget, state: { optionsHash: string; lastPolledAt: number } | undefined, now: number): boolean {
  return !state || state.optionsHash !== target.optionsHash || state.lastPolledAt + target.intervalMs - EARLY_MS <= now;
}

/** Polls every due target, `POLL_CONCURRENCY` at a time; a target still being polled is skipped. */
export async function pollDueTriggers(now = Date.now()): Promise<{ polled: number; runs: number }> {
  const targets = pollTargets().filter((target) => !inFlight.has(keyOf(target)));
  const byEnvironment = Map.groupBy(targets, (target) => target.runnable.environmentId);
  const due = [...byEnvironment].flatMap(([environmentId, ofEnvironment]) => {
    const states = triggerPollsOf(environmentId, ofEnvironment.map((target) => target.runnable.integrationId));
    return ofEnvironment.map((target) => ({ target, state: states.get(target.runnable.integrationId) })).filter(({ target, state }) => isDue(target, state, now));
  });
  let runs = 0;
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      inFlight.add(keyOf(next.target));
      try {
        runs += (await pollOnce(next.target, next.state, now)).length;
      } finally {
        inFlight.delete(keyOf(next.target));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, due.length) }, worker));
  return { polled: due.length, runs };
}
