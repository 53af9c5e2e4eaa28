// The On/Off switch of Production integrations (SPEC §3 rule 1): turning on is refused, with the
// reason, while a connection it uses is not authenticated since the last deployment or its last
// test failed. Builders and admins switch; every switch is in the audit log. Turning on offers to
// catch up what arrived while it was off (catch-up.ts); every switch re-syncs the scheduler.
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { findProductionIntegration, listProductionIntegrationRows } from "@/db/queries/deploy";
import { productionIntegrations, type ProductionIntegration } from "@/db/schema";
import { recordSwitch } from "@/lib/audit/audit-log";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { markSwitchedOff, openCatchUp, switchRowOf } from "@/lib/integrations/catch-up";
import { integrationProblems } from "@/lib/integrations/production-readiness";
import { readinessContext, toProductionView, type ProductionIntegrationView } from "@/lib/integrations/production-integrations";
import { notifyIntegrationsChanged } from "@/lib/scheduler/signal";

function integrationOf(tx: Tx, actor: Actor, integrationId: string) {
  const found = findProductionIntegration(actor.accountId, integrationId, tx);
  if (!found) throw new NotFoundError("The integration");
  return found;
}

/** Switches and records who did; turning on opens the catch-up offer and returns its count. */
function setSwitch(tx: Tx, actor: Actor, row: ProductionIntegration, enabled: boolean): number {
  const target = switchRowOf(tx, actor, "production", row.id);
  const catchUp = enabled ? openCatchUp(tx, target) : 0;
  if (!enabled) markSwitchedOff(tx, target);
  const now = Date.now();
  tx.update(productionIntegrations)
    .set({ enabled, offReason: null, switchedAt: now, switchedBy: actor.userId, updatedAt: now })
    .where(and(eq(productionIntegrations.id, row.id), eq(productionIntegrations.enabled, !enabled)))
    .run();
  recordSwitch(tx, { accountId: actor.accountId, actor: actor.label }, row, enabled, { version: row.deploymentNumber });
  return catchUp;
}

/**
 * Turns the integration on, or throws a ConflictError saying what stops it. The view's `catchUp`
 * is how many items arrived while it was off (its board trigger's), offered to run now.
 */
export function turnOn(actor: Actor, integrationId: string): ProductionIntegrationView {
  requireRole(actor, "builder", "turn integrations on or off");
  const view = getDb().transaction(
    (tx) => {
      const { integration } = integrationOf(tx, actor, integrationId);
      const context = readinessContext(actor.accountId, integration.appId, tx);
      if (!integration.enabled) {
        const problems = integrationProblems(integration, context.connectionsById, context.latest);
        if (problems.length > 0) throw new ConflictError(`${integration.name} cannot be turned on. ${problems.map((p) => p.message).join(" ")}`);
        setSwitch(tx, actor, integration, true);
      }
      return toProductionView(findProductionIntegration(actor.accountId, integrationId, tx)!.integration, context);
    },
    { behavior: "immediate" },
  );
  notifyIntegrationsChanged();
  return view;
}

export function turnOff(actor: Actor, integrationId: string): ProductionIntegrationView {
  requireRole(actor, "builder", "turn integrations on or off");
  const view = getDb().transaction(
    (tx) => {
      const { integration } = integrationOf(tx, actor, integrationId);
      if (integration.enabled) setSwitch(tx, actor, integration, false);
      return toProductionView(findProductionIntegration(actor.accountId, integrationId, tx)!.integration, readinessContext(actor.accountId, integration.appId, tx));
    },
    { behavior: "immediate" },
  );
  notifyIntegrationsChanged();
  return view;
}

export type TurnOnAllReadyResult = {
  turnedOn: { id: string; name: string }[];
  alreadyOn: { id: string; name: string }[];
  /** Live integrations that stay off, each with why. */
  stayOff: { id: string; name: string; reasons: string[] }[];
};

/** "Turn on all ready": every live integration of the app whose connections are ready. */
export function turnOnAllReady(actor: Actor, appId: string): TurnOnAllReadyResult {
  requireRole(actor, "builder", "turn integrations on or off");
  const app = appOfAccount(actor, appId);
  const outcome = getDb().transaction(
    (tx) => {
      const context = readinessContext(actor.accountId, app.id, tx);
      const result: TurnOnAllReadyResult = { turnedOn: [], alreadyOn: [], stayOff: [] };
      for (const row of listProductionIntegrationRows(app.id, tx)) {
        if (row.status !== "live") continue;
        const entry = { id: row.id, name: row.name };
        if (row.enabled) {
          result.alreadyOn.push(entry);
          continue;
        }
        const problems = integrationProblems(row, context.connectionsById, context.latest);
        if (problems.length > 0) result.stayOff.push({ ...entry, reasons: problems.map((p) => p.message) });
        else {
          setSwitch(tx, actor, row, true);
          result.turnedOn.push(entry);
        }
      }
      return result;
    },
    { behavior: "immediate" },
  );
  notifyIntegrationsChanged();
  return outcome;
}
