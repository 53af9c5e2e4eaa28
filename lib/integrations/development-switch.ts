// The Development On/Off switch (Logic > Integration): Development events (board items, webhooks
// to the Development address, schedules, polls) run an integration only while it is On. Turning
// on is refused, with every reason, while its saved definition is incomplete or refused by the
// editor's checks, or a connection it uses is not authenticated or its last test failed.
// Builders and admins switch; each switch is in the audit log, like the Production switch.
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { listEnvironmentConnections } from "@/db/queries/deploy";
import { integrations } from "@/db/schema";
import { recordSwitch } from "@/lib/audit/audit-log";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { markSwitchedOff, openCatchUp, pendingCatchUp, switchRowOf, type SwitchRow } from "@/lib/integrations/catch-up";
import { connectionIdsOf } from "@/lib/integrations/definition";
import { storedDefinition } from "@/lib/integrations/integration-view";
import { checkContext } from "@/lib/integrations/check-context";
import { connectionProblem } from "@/lib/integrations/production-readiness";
import { triggerStatusOf, type TriggerStatus } from "@/lib/integrations/trigger-status";
import { checkDefinition, DefinitionError } from "@/lib/integrations/validate-definition";
import { ConflictError } from "@/lib/errors";
import { environmentOf } from "@/lib/environments";
import { notifyIntegrationsChanged } from "@/lib/scheduler/signal";

export type DevelopmentSwitchResult = { name: string; enabled: boolean; catchUp: number };

/** Every reason the integration cannot be turned on in Development; empty when it can. */
function problemsOf(tx: Tx, actor: Actor, row: SwitchRow): string[] {
  if (!row.live) return [`${row.name} is archived: restore it first.`];
  const problems: string[] = [];
  try {
    checkDefinition(row.definition, checkContext(actor, row.appId));
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    problems.push(...error.problems.map((problem) => problem.replace(/\.?$/, ".")), "Fix it in the editor and save.");
  }
  const definition = storedDefinition(row);
  if (!definition.trigger) problems.push(`${row.name} has no trigger: choose one in the editor and save.`);
  const connections = new Map(listEnvironmentConnections(actor.accountId, "development", tx).map((c) => [c.id, c]));
  for (const id of connectionIdsOf(definition)) {
    const connection = connections.get(id);
    const problem = connection ? connectionProblem(connection, undefined) : null;
    if (problem) problems.push(problem);
  }
  return problems;
}

function setSwitch(tx: Tx, actor: Actor, row: SwitchRow, enabled: boolean, reason?: string): number {
  const catchUp = enabled ? openCatchUp(tx, row) : 0;
  if (!enabled) markSwitchedOff(tx, row);
  tx.update(integrations).set({ enabled, offReason: null, switchedAt: Date.now(), switchedBy: actor.userId }).where(eq(integrations.id, row.id)).run();
  recordSwitch(tx, { accountId: actor.accountId, actor: actor.label }, row, enabled, { environment: "development", ...(reason ? { reason } : {}) });
  return catchUp;
}

function switchDevelopment(actor: Actor, integrationId: string, enabled: boolean): DevelopmentSwitchResult {
  requireRole(actor, "builder", "turn integrations on or off");
  const result = getDb().transaction(
    (tx) => {
      const row = switchRowOf(tx, actor, "development", integrationId);
      if (row.enabled === enabled) return { name: row.name, enabled, catchUp: 0 };
      if (enabled) {
        const problems = problemsOf(tx, actor, row);
        if (problems.length > 0) throw new ConflictError(`${row.name} cannot be turned on. ${problems.join(" ")}`);
      }
      return { name: row.name, enabled, catchUp: setSwitch(tx, actor, row, enabled) };
    },
    { behavior: "immediate" },
  );
  notifyIntegrationsChanged();
  return result;
}

/** Turns the integration on in Development; `catchUp` is how many items arrived while it was off. */
export function turnOnDevelopment(actor: Actor, integrationId: string): DevelopmentSwitchResult {
  return switchDevelopment(actor, integrationId, true);
}

export function turnOffDevelopment(actor: Actor, integrationId: string): DevelopmentSwitchResult {
  return switchDevelopment(actor, integrationId, false);
}

/** For archiving (inside its transaction): an archived integration is off. */
export function switchOffForArchive(tx: Tx, actor: Actor, integrationId: string): void {
  const row = switchRowOf(tx, actor, "development", integrationId);
  if (row.enabled) setSwitch(tx, actor, row, false, "archived");
}

export type DevelopmentRunStatus = { catchUp: number | null } & TriggerStatus;

/** What the Integration list and the editor show beside the switch. */
export function developmentRunStatus(actor: Pick<Actor, "accountId">, integration: { id: string; definition: unknown; enabled: boolean; catchUpFromChangeId: number | null; catchUpToChangeId: number | null }): DevelopmentRunStatus {
  const environmentId = environmentOf(actor.accountId, "development").id;
  return {
    catchUp: pendingCatchUp({ ...integration, environmentId }),
    ...triggerStatusOf("development", environmentId, integration),
  };
}
