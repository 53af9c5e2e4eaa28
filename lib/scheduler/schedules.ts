// The keyed registry of schedule triggers (n8n's registerCron/deregisterCrons shape): one entry
// per environment, integration and version that is On with a Schedule trigger. Entries sharing a
// cron expression and time zone share one node-cron task, and ticks that fire together are
// queued together in one transaction, so 500 integrations due on one minute are one write.
import cron, { type ScheduledTask, type TaskContext } from "node-cron";
import { getDb } from "@/db/client";
import { onIntegrationsWithTriggerConnectors, onVersions, type EnvironmentIntegrationRow } from "@/db/queries/triggers";
import { ENVIRONMENT_KINDS, type EnvironmentKind } from "@/db/schema";
import { cronExpressionOf, scheduleOptionsSchema } from "@/lib/connectors/schedule";
import { queueRuns, toRunnable, type Runnable } from "@/lib/engine/queue";

export type ScheduleEntry = { key: string; kind: EnvironmentKind; runnable: Runnable; expression: string; timeZone: string };
export type Tick = { entry: ScheduleEntry; scheduledAt: Date };

// Ticks of different expressions due on the same minute fire a few milliseconds apart.
const GATHER_TICKS_MS = 25;

const entries = new Map<string, ScheduleEntry>();
const groups = new Map<string, { task: ScheduledTask; keys: Set<string> }>();
let pending: Tick[] = [];
let flushTimer: NodeJS.Timeout | null = null;

/** The schedule entries of On integrations; one whose options no longer parse is skipped. */
export function scheduleEntriesOf(rows: EnvironmentIntegrationRow[]): ScheduleEntry[] {
  return rows.flatMap((row) => {
    const runnable = toRunnable({ id: row.environmentId }, row);
    const trigger = runnable?.definition.trigger;
    if (!runnable || trigger?.connectorKey !== "schedule" || trigger.triggerKey !== "schedule") return [];
    const options = scheduleOptionsSchema.safeParse(trigger.options);
    if (!options.success) return [];
    const { expression, timeZone } = cronExpressionOf(options.data);
    return [{ key: `${row.environmentId}:${row.id}:${row.version}`, kind: row.kind, runnable, expression, timeZone }];
  });
}

/**
 * Queues one run per tick, in one transaction, for the integrations still On at the version the
 * entry was registered with (a tick racing a switch or a save is dropped; the re-sync follows).
 */
export function queueTicks(ticks: Tick[]): number[] {
  if (ticks.length === 0) return [];
  return getDb().transaction(
    (tx) =>
      ENVIRONMENT_KINDS.flatMap((kind) => {
        const ofKind = ticks.filter((tick) => tick.entry.kind === kind);
        const versions = onVersions(kind, [...new Set(ofKind.map((tick) => tick.entry.runnable.integrationId))], tx);
        return ofKind.flatMap(({ entry, scheduledAt }) =>
          versions.get(entry.runnable.integrationId) === entry.runnable.version
            ? queueRuns(tx, entry.runnable, "schedule", [{ scheduledAt: new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000).toISOString(), timeZone: entry.timeZone }])
            : [],
        );
      }),
    { behavior: "immediate" },
  );
}

function flush(): void {
  flushTimer = null;
  const ticks = pending;
  pending = [];
  try {
    queueTicks(ticks);
  } catch (error) {
    console.error(JSON.stringify({ message: "Queueing schedule runs failed", ticks: ticks.length, error: (error as Error)?.message }));
  }
}

function fire(groupKey: string, context: TaskContext): void {
  for (const key of groups.get(groupKey)?.keys ?? []) {
    const entry = entries.get(key);
    if (entry) pending.push({ entry, scheduledAt: context.date });
  }
  flushTimer ??= setTimeout(flush, GATHER_TICKS_MS);
}

function register(entry: ScheduleEntry): void {
  entries.set(entry.key, entry);
  const groupKey = `${entry.expression}|${entry.timeZone}`;
  let group = groups.get(groupKey);
  if (!group) {
    group = { task: cron.schedule(entry.expression, (context) => fire(groupKey, context), { timezone: entry.timeZone, name: `schedule ${groupKey}` }), keys: new Set() };
    groups.set(groupKey, group);
  }
  group.keys.add(entry.key);
}

function deregister(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  const groupKey = `${entry.expression}|${entry.timeZone}`;
  const group = groups.get(groupKey);
  group?.keys.delete(key);
  if (group && group.keys.size === 0) {
    void group.task.destroy();
    groups.delete(groupKey);
  }
}

/** Makes the registry match the integrations On now; returns what it added and removed. */
export function syncSchedules(): { added: string[]; removed: string[] } {
  const wanted = new Map(scheduleEntriesOf(onIntegrationsWithTriggerConnectors(["schedule"])).map((entry) => [entry.key, entry]));
  const removed = [...entries.keys()].filter((key) => !wanted.has(key));
  removed.forEach(deregister);
  const added = [...wanted.values()].filter((entry) => !entries.has(entry.key));
  for (const entry of added) {
    try {
      register(entry);
    } catch (error) {
      // node-cron refuses what the options check let through (a time zone this runtime lacks): skip that one.
      entries.delete(entry.key);
      console.error(JSON.stringify({ message: "A schedule could not be registered", schedule: entry.key, error: (error as Error)?.message }));
    }
  }
  return { added: added.map((entry) => entry.key), removed };
}

/** The registered keys (`<environment>:<integration>:<version>`). */
export function registeredSchedules(): string[] {
  return [...entries.keys()].sort();
}

/** Stops every schedule task; queued ticks not yet written are written first. */
export function clearSchedules(): void {
  [...entries.keys()].forEach(deregister);
  if (flushTimer) {
    clearTimeout(flushTimer);
    flush();
  }
}
