// What the All integrations tab shows of an app's Production integrations: status, connectors,
// the deployment version each runs, runs, the switch, and why it cannot be turned on yet.
// Production definitions are written only by deploy; nothing here changes them.
import { getDb, type Db, type Tx } from "@/db/client";
import { latestDeployment, listEnvironmentConnections, listProductionIntegrationRows } from "@/db/queries/deploy";
import type { ProductionIntegration, ProductionStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { environmentOf } from "@/lib/environments";
import { getConnector } from "@/lib/connectors/registry";
import { pendingCatchUp } from "@/lib/integrations/catch-up";
import { connectorKeysOf, definitionSchema } from "@/lib/integrations/definition";
import { integrationProblems, type Problem } from "@/lib/integrations/production-readiness";
import { runStatsOf } from "@/lib/integrations/production-stats";
import { triggerStatusOf, type TriggerStatus } from "@/lib/integrations/trigger-status";

export type ProductionIntegrationView = {
  id: string;
  appId: string;
  name: string;
  status: ProductionStatus;
  enabled: boolean;
  /** Why it is off when the product turned it off (a deployment, auto-off…). */
  offReason: string | null;
  connectors: { key: string; name: string; icon: string }[];
  /** The number of the deployment that last changed it: the version it runs. */
  version: number;
  switchedAt: number | null;
  runsThisMonth: number;
  lastRunAt: number | null;
  /** Why it cannot be turned on now (empty: it can). */
  problems: Problem[];
  /** Items that arrived while it was off, offered to run since it was turned on (0: no offer; null: not a board trigger). */
  catchUp: number | null;
} & TriggerStatus;

/** The readiness context of an account and app: Production connections and the latest deployment. */
export function readinessContext(accountId: string, appId: string, db: Db | Tx = getDb()) {
  return {
    accountId,
    connectionsById: new Map(listEnvironmentConnections(accountId, "production", db).map((c) => [c.id, c])),
    latest: latestDeployment(appId, db),
    environmentId: environmentOf(accountId, "production").id,
  };
}

export function toProductionView(row: ProductionIntegration, context: ReturnType<typeof readinessContext>, stats = runStatsOf(context.accountId, [row.id]).get(row.id)!): ProductionIntegrationView {
  const parsed = definitionSchema.safeParse(row.definition);
  const connectors = (parsed.success ? connectorKeysOf(parsed.data) : []).map((key) => {
    const connector = getConnector(key);
    return { key, name: connector?.name ?? key, icon: connector?.icon ?? "" };
  });
  return {
    id: row.id,
    appId: row.appId,
    name: row.name,
    status: row.status,
    enabled: row.enabled,
    // An archived integration is off because it is archived; "turn it on again" would mislead.
    offReason: row.enabled || row.status === "archived" ? null : row.offReason,
    connectors,
    version: row.deploymentNumber,
    switchedAt: row.switchedAt,
    runsThisMonth: stats.runsThisMonth,
    lastRunAt: stats.lastRunAt,
    problems: integrationProblems(row, context.connectionsById, context.latest),
    catchUp: pendingCatchUp({ ...row, environmentId: context.environmentId }),
    ...triggerStatusOf("production", context.environmentId, row),
  };
}

/** The app's Production integrations, live ones first, then by name. Everyone in the account may read. */
export function listProductionIntegrations(actor: Actor, appId: string): ProductionIntegrationView[] {
  const app = appOfAccount(actor, appId);
  const rows = listProductionIntegrationRows(app.id);
  const context = readinessContext(actor.accountId, app.id);
  const stats = runStatsOf(actor.accountId, rows.map((row) => row.id));
  return rows
    .map((row) => toProductionView(row, context, stats.get(row.id)))
    .sort((a, b) => (a.status === b.status ? 0 : a.status === "live" ? -1 : 1));
}
