// Queueing runs: each trigger item becomes one `Queued` run, written in the transaction of the
// event that produced it (the item write, the webhook request, the schedule tick), so an
// accepted event never loses its runs. Runs execute the integration version they were queued with.
import type { Tx } from "@/db/client";
import { ensureIntegrationVersion, insertQueuedRuns } from "@/db/queries/runs";
import { onIntegrationsOfAccount, type OnIntegrationRow } from "@/db/queries/runnable";
import type { Environment, Item, ItemChangeKind, RunSource } from "@/db/schema";
import type { JsonValue } from "@/lib/connectors/framework";
import { definitionSchema, type IntegrationDefinition } from "@/lib/integrations/definition";
import { notifyRunsQueued } from "@/lib/engine/signal";

/** An integration as a run will execute it: one environment, one immutable version. */
export type Runnable = {
  environmentId: string;
  integrationId: string;
  appId: string;
  name: string;
  version: number;
  versionId: string;
  definition: IntegrationDefinition;
};

export function versionIdOf(integrationId: string, environmentId: string, version: number): string {
  return `${integrationId}@${environmentId}@${version}`;
}

/** The runnable of a stored integration row, or null when its definition cannot run (no trigger). */
export function toRunnable(env: Pick<Environment, "id">, row: OnIntegrationRow): Runnable | null {
  const parsed = definitionSchema.safeParse(row.definition);
  if (!parsed.success || !parsed.data.trigger) return null;
  return {
    environmentId: env.id,
    integrationId: row.id,
    appId: row.appId,
    name: row.name,
    version: row.version,
    versionId: versionIdOf(row.id, env.id, row.version),
    definition: parsed.data,
  };
}

/** The integrations On in the environment whose trigger is `connectorKey`/`triggerKey`. */
export function onIntegrationsWithTrigger(tx: Tx, env: Environment, connectorKey: string, triggerKey: string): Runnable[] {
  return onIntegrationsOfAccount(env.accountId, env.kind, tx)
    .map((row) => toRunnable(env, row))
    .filter((runnable): runnable is Runnable => runnable?.definition.trigger?.connectorKey === connectorKey && runnable.definition.trigger.triggerKey === triggerKey);
}

/**
 * Queues one run per item for the integration; returns the run IDs. `tx` is the event's
 * transaction: the queue's prepared statements run on its connection, inside it.
 */
export function queueRuns(_tx: Tx, runnable: Runnable, source: RunSource, triggerItems: JsonValue[], options: { rerunOf?: number[] } = {}): number[] {
  if (triggerItems.length === 0) return [];
  ensureIntegrationVersion({
    id: runnable.versionId,
    integrationId: runnable.integrationId,
    environmentId: runnable.environmentId,
    version: runnable.version,
    name: runnable.name,
    definition: runnable.definition,
  });
  const ids = insertQueuedRuns(
    triggerItems.map((triggerData, index) => ({
      environmentId: runnable.environmentId,
      appId: runnable.appId,
      integrationId: runnable.integrationId,
      versionId: runnable.versionId,
      version: runnable.version,
      source,
      triggerData,
      rerunOf: options.rerunOf?.[index] ?? null,
    })),
  );
  notifyRunsQueued();
  return ids;
}

/** What the Kissflow board triggers give a run: the item as the REST API shows it. */
export function itemTriggerData(item: Item): JsonValue {
  return { id: item.id, boardId: item.boardId, values: item.values, createdAt: new Date(item.createdAt).toISOString(), updatedAt: new Date(item.updatedAt).toISOString() };
}

const TRIGGER_OF_CHANGE: Partial<Record<ItemChangeKind, string>> = { created: "new_item", updated: "item_updated" };

/**
 * Called by the items service inside each item write: one run per item for every integration On
 * in the item's environment whose Kissflow trigger listens to this board and this kind of change.
 */
export function queueItemRuns(tx: Tx, env: Environment, kind: ItemChangeKind, changed: Item[]): number[] {
  const triggerKey = TRIGGER_OF_CHANGE[kind];
  if (!triggerKey || changed.length === 0) return [];
  const ids: number[] = [];
  for (const runnable of onIntegrationsWithTrigger(tx, env, "kissflow", triggerKey)) {
    const boardId = runnable.definition.trigger!.options.boardId;
    const ofBoard = changed.filter((item) => item.boardId === boardId);
    ids.push(...queueRuns(tx, runnable, "item", ofBoard.map(itemTriggerData)));
  }
  return ids;
}
