// Catch-up (SPEC §9.2): item changes that arrive while an integration is Off start no run but stay
// in the item change log. When an integration with a Kissflow board trigger is turned on, the
// changes of its board since it went off form a window of change IDs, stored on the integration;
// the builder is offered to run them, each item once with its current values, in one transaction.
//
// Where the window starts: turning off through a switch stores the newest change ID at that
// moment (exact, whatever the clock says). Without that mark (turned off by a deployment or by
// the engine), it starts after the changes made at or before the latest of: when it was switched,
// deployed (Production) or created (Development), and when it last had a run queued. The last is
// what makes a double run impossible: while it is On, each change of its board queues a run in
// the change's own transaction, so no change up to its last run can have gone unrun.
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { changedItems, countChangedItems, lastItemChangeId, lastItemChangeIdAt, lastRunQueuedAt, type ChangeWindow } from "@/db/queries/catch-up";
import { findProductionIntegration, latestDeployment } from "@/db/queries/deploy";
import { findIntegrationRow } from "@/db/queries/integrations";
import { integrations, productionIntegrations, type EnvironmentKind, type ItemChangeKind } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit-log";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { itemTriggerData, queueRuns, toRunnable } from "@/lib/engine/queue";
import { environmentOf } from "@/lib/environments";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { definitionSchema } from "@/lib/integrations/definition";

const CHANGE_OF_TRIGGER: Record<string, ItemChangeKind> = { new_item: "created", item_updated: "updated" };

/** An integration of one environment, as the switches and the catch-up read it. */
export type SwitchRow = {
  kind: EnvironmentKind;
  environmentId: string;
  id: string;
  appId: string;
  name: string;
  definition: unknown;
  version: number;
  enabled: boolean;
  /** Live (Production) or active (Development). */
  live: boolean;
  switchedAt: number | null;
  /** When it was last deployed (Production) or created (Development): it was off since then at least. */
  offSinceAtLeast: number;
  catchUpFromChangeId: number | null;
  catchUpToChangeId: number | null;
};

/** The integration of the actor's account in that environment, or NotFoundError. Read inside `tx`. */
export function switchRowOf(tx: Tx, actor: Pick<Actor, "accountId">, kind: EnvironmentKind, integrationId: string): SwitchRow {
  const environmentId = environmentOf(actor.accountId, kind).id;
  if (kind === "production") {
    const found = findProductionIntegration(actor.accountId, integrationId, tx);
    if (!found) throw new NotFoundError("The integration");
    const row = found.integration;
    const deployedAt = latestDeployment(row.appId, tx)?.deployedAt ?? 0;
    return { ...row, kind, environmentId, version: row.deploymentNumber, live: row.status === "live", offSinceAtLeast: deployedAt };
  }
  const row = findIntegrationRow(actor.accountId, integrationId);
  if (!row) throw new NotFoundError("The integration");
  return { ...row, kind, environmentId, version: row.updatedAt, live: row.state === "active", offSinceAtLeast: row.createdAt };
}

/** The board and the kind of change a Kissflow board trigger listens to; null for other triggers. */
function boardTriggerOf(definition: unknown): { boardId: string; kind: ItemChangeKind } | null {
  const trigger = definitionSchema.safeParse(definition).data?.trigger;
  const kind = trigger?.connectorKey === "kissflow" ? CHANGE_OF_TRIGGER[trigger.triggerKey] : undefined;
  const boardId = trigger?.options.boardId;
  return kind && typeof boardId === "string" ? { boardId, kind } : null;
}

function windowOf(row: Pick<SwitchRow, "definition" | "environmentId" | "catchUpFromChangeId" | "catchUpToChangeId">): ChangeWindow | null {
  const trigger = boardTriggerOf(row.definition);
  if (!trigger || row.catchUpFromChangeId === null || row.catchUpToChangeId === null) return null;
  return { ...trigger, environmentId: row.environmentId, afterId: row.catchUpFromChangeId, upToId: row.catchUpToChangeId };
}

function setColumns(tx: Tx, row: Pick<SwitchRow, "kind" | "id">, columns: { catchUpFromChangeId: number | null; catchUpToChangeId: number | null }): void {
  if (row.kind === "production") tx.update(productionIntegrations).set(columns).where(eq(productionIntegrations.id, row.id)).run();
  else tx.update(integrations).set(columns).where(eq(integrations.id, row.id)).run();
}

function setWindow(tx: Tx, row: Pick<SwitchRow, "kind" | "id">, window: ChangeWindow | null): void {
  setColumns(tx, row, { catchUpFromChangeId: window?.afterId ?? null, catchUpToChangeId: window?.upToId ?? null });
}

/** The last change ID before it went off (see the top of this file). */
function offSinceChangeId(tx: Tx, row: SwitchRow, boardId: string): number {
  if (row.catchUpFromChangeId !== null && row.catchUpToChangeId === null) return row.catchUpFromChangeId;
  const since = Math.max(row.switchedAt ?? 0, row.offSinceAtLeast, lastRunQueuedAt(row.id, row.environmentId, tx) ?? 0);
  return lastItemChangeIdAt(boardId, row.environmentId, since, tx);
}

/**
 * Called by a switch inside the transaction that turns the integration on (the row as it was,
 * still off): opens the window of what arrived while it was off and returns how many items.
 */
export function openCatchUp(tx: Tx, row: SwitchRow): number {
  const trigger = boardTriggerOf(row.definition);
  if (!trigger) return 0;
  const window: ChangeWindow = { ...trigger, environmentId: row.environmentId, afterId: offSinceChangeId(tx, row, trigger.boardId), upToId: lastItemChangeId(tx) };
  const count = countChangedItems(window, tx);
  setWindow(tx, row, count > 0 ? window : null);
  return count;
}

/** Called by a switch turning the integration off: marks where a later catch-up starts, and withdraws an offer not taken. */
export function markSwitchedOff(tx: Tx, row: Pick<SwitchRow, "kind" | "id">): void {
  setColumns(tx, row, { catchUpFromChangeId: lastItemChangeId(tx), catchUpToChangeId: null });
}

/**
 * How many items the integration is offered to catch up (0: no offer), or null when its trigger
 * is not a board trigger (there is never anything to catch up).
 */
export function pendingCatchUp(row: Pick<SwitchRow, "definition" | "environmentId" | "enabled" | "catchUpFromChangeId" | "catchUpToChangeId">): number | null {
  if (!boardTriggerOf(row.definition)) return null;
  const window = row.enabled ? windowOf(row) : null;
  return window ? countChangedItems(window) : 0;
}

/** Runs the offered catch-up: one run per item (source "catch_up"); the offer is then gone. */
export function runCatchUp(actor: Actor, kind: EnvironmentKind, integrationId: string): { name: string; runs: number } {
  requireRole(actor, "builder", "catch up integrations");
  return getDb().transaction(
    (tx) => {
      const row = switchRowOf(tx, actor, kind, integrationId);
      if (!row.enabled || !row.live) throw new ConflictError(`${row.name} is off: turn it on to catch up what arrived while it was off.`);
      const window = windowOf(row);
      const runnable = toRunnable({ id: row.environmentId }, row);
      if (!window || !runnable) return { name: row.name, runs: 0 };
      const ids = queueRuns(tx, runnable, "catch_up", changedItems(window, tx).map(itemTriggerData));
      setWindow(tx, row, null);
      recordAudit(tx, {
        accountId: actor.accountId,
        actor: actor.label,
        action: "integration.caught_up",
        subjectType: "integration",
        subjectId: row.id,
        detail: { name: row.name, appId: row.appId, environment: kind, count: ids.length },
      });
      return { name: row.name, runs: ids.length };
    },
    { behavior: "immediate" },
  );
}

/** Declines the offer: the items stay in the change log, and no run is started for them. */
export function dismissCatchUp(actor: Actor, kind: EnvironmentKind, integrationId: string): void {
  requireRole(actor, "builder", "catch up integrations");
  getDb().transaction((tx) => setWindow(tx, switchRowOf(tx, actor, kind, integrationId), null), { behavior: "immediate" });
}
