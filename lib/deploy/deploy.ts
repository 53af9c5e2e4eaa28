// Deploy (SPEC §3 rules 2 and 6): copies an app's Development integrations, board fields and board
// names to Production, and removes the boards deleted in the builder, in one immediate transaction. Afterwards every Production integration of the app is
// Off and every Production connection of the account is "Reauthentication required", so nothing
// runs in Production until someone has authenticated its connections with Production credentials.
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { listDeploymentRows } from "@/db/queries/deploy";
import { boards, connections, deployments, productionIntegrations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit-log";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { DEPLOYED_MESSAGE, markReauthenticationRequired } from "@/lib/connections/mark-reauthentication-required";
import { planDeployment, type DeploymentSummary } from "@/lib/deploy/plan";
import { environmentOf } from "@/lib/environments";
import { AppError, ConflictError, ValidationError } from "@/lib/errors";
import { randomId } from "@/lib/ids";
import { notifyIntegrationsChanged } from "@/lib/scheduler/signal";

export const DEPLOY_IN_PROGRESS = "Another deployment of this app is in progress";

export function deployedOffReason(number: number): string {
  return `Deployed version ${number}: turn it on again once its connections are authenticated.`;
}

export type DeploymentPreview = {
  app: { id: string; name: string };
  /** The latest deployment's number (0: never deployed); sent back with the confirmation. */
  basedOn: number;
  nextNumber: number;
  problems: string[];
  summary: DeploymentSummary;
};

export type DeploymentView = {
  id: string;
  number: number;
  deployedAt: number;
  deployedBy: { id: string; name: string | null };
  summary: DeploymentSummary;
};

/** What Deploy would change in Production now. Everyone in the account may look. */
export function previewDeployment(actor: Actor, appId: string): DeploymentPreview {
  const app = appOfAccount(actor, appId);
  const plan = planDeployment(getDb(), actor.accountId, app.id);
  return { app: { id: app.id, name: app.name }, basedOn: plan.basedOn, nextNumber: plan.basedOn + 1, problems: plan.problems, summary: plan.summary };
}

function sqliteCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

function apply(tx: Tx, actor: Actor, app: { id: string; name: string }, basedOn: number | undefined, deploymentId: string, now: number): number {
  const plan = planDeployment(tx, actor.accountId, app.id);
  if (basedOn !== undefined && plan.basedOn !== basedOn) {
    throw new ConflictError(`${DEPLOY_IN_PROGRESS}: version ${plan.basedOn} was deployed while you reviewed the changes. Review them again, then deploy.`);
  }
  if (plan.problems.length > 0) throw new ValidationError(`Nothing was deployed. ${plan.problems.join(" ")}`);
  const number = plan.basedOn + 1;
  try {
    tx.insert(deployments).values({ id: deploymentId, appId: app.id, number, deployedBy: actor.userId, deployedAt: now, snapshot: plan.snapshot, summary: plan.summary }).run();
  } catch (error) {
    // The unique (app, number) index: only reachable where the read above is not under the write
    // lock (PostgreSQL at READ COMMITTED); SQLite's immediate transaction already serializes.
    if (sqliteCode(error) === "SQLITE_CONSTRAINT_UNIQUE") throw new ConflictError(`${DEPLOY_IN_PROGRESS}: try again once it is done.`);
    throw error;
  }

  // Counterparts of the Development connections used: same name, connector and OAuth app (the
  // account's, for both environments), no credentials (never copied from Development), never
  // authenticated, so the Connections tab says Connect now.
  const production = environmentOf(actor.accountId, "production");
  for (const c of plan.newConnections) {
    tx.insert(connections)
      .values({ id: c.id, environmentId: production.id, connectorKey: c.connectorKey, oauthAppId: c.oauthAppId, name: c.name, credentials: null, status: "reauthentication_required", statusMessage: DEPLOYED_MESSAGE, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .run();
  }

  // Rule 6: the Production form and name of each changed board become its builder ones, and a
  // board deleted in the builder leaves Production now, its items with it (foreign key cascade).
  for (const board of plan.boardWrites) tx.update(boards).set({ productionFields: board.fields, productionName: board.name }).where(eq(boards.id, board.id)).run();
  for (const board of plan.summary.boardsRemoved) tx.delete(boards).where(eq(boards.id, board.id)).run();

  const offReason = deployedOffReason(number);
  for (const write of plan.writes) {
    if (write.kind === "delete") {
      // Gone from Development: gone from Production. Its name and definition stay in the earlier
      // deployments' snapshots, which is what run history and the deployment history refer to.
      tx.delete(productionIntegrations).where(eq(productionIntegrations.id, write.id)).run();
      continue;
    }
    const columns = { name: write.name, definition: write.definition, status: write.status, deploymentId, deploymentNumber: number, updatedAt: now };
    if (write.kind === "insert") tx.insert(productionIntegrations).values({ id: write.id, appId: app.id, ...columns, enabled: false, offReason }).run();
    else tx.update(productionIntegrations).set(columns).where(eq(productionIntegrations.id, write.id)).run();
  }

  // Rule 2: every Production integration of the app Off, every Production connection to reauthenticate.
  const wasOn = tx
    .select({ id: productionIntegrations.id })
    .from(productionIntegrations)
    .where(and(eq(productionIntegrations.appId, app.id), eq(productionIntegrations.enabled, true)))
    .all()
    .map((row) => row.id);
  // Off, so a catch-up offered before the deployment is withdrawn too.
  tx.update(productionIntegrations).set({ enabled: false, offReason, catchUpFromChangeId: null, catchUpToChangeId: null, updatedAt: now }).where(eq(productionIntegrations.appId, app.id)).run();
  // The deployment switched those that were on: it is who turned them off, and when.
  if (wasOn.length > 0) tx.update(productionIntegrations).set({ switchedAt: now, switchedBy: actor.userId }).where(inArray(productionIntegrations.id, wasOn)).run();
  markReauthenticationRequired({ environmentId: production.id }, DEPLOYED_MESSAGE, tx);

  const { summary } = plan;
  recordAudit(tx, {
    accountId: actor.accountId,
    actor: actor.label,
    action: "deployment.created",
    subjectType: "app",
    subjectId: app.id,
    detail: {
      number,
      appName: app.name,
      added: summary.added.length,
      changed: summary.changed.length,
      removed: summary.removed.length,
      archived: summary.archived.length,
      connectionsCreated: plan.newConnections.map((c) => c.name),
      boardsChanged: summary.boards.map((b) => b.name),
      boardsRemoved: summary.boardsRemoved.map((b) => b.name),
    },
  });
  return number;
}

/**
 * Deploys the app. `basedOn` is the latest deployment number the person saw in the preview: when
 * another deployment happened since, nothing is deployed and a ConflictError says so.
 */
export function deploy(actor: Actor, appId: string, options: { basedOn?: number } = {}): DeploymentView {
  requireRole(actor, "builder", "deploy apps");
  const app = appOfAccount(actor, appId);
  const deploymentId = randomId("dep");
  try {
    getDb().transaction((tx) => apply(tx, actor, app, options.basedOn, deploymentId, Date.now()), { behavior: "immediate" });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Another process held the write lock longer than the busy timeout: most likely a deployment.
    if (sqliteCode(error) === "SQLITE_BUSY") throw new ConflictError(`${DEPLOY_IN_PROGRESS}, or the database is busy: try again in a moment.`);
    throw error;
  }
  notifyIntegrationsChanged();
  return listDeployments(actor, app.id).find((d) => d.id === deploymentId)!;
}

/** A stored summary; older deployments have no `boards` (made before boards were deployed) or `boardsRemoved`. */
function storedSummary(stored: unknown): DeploymentSummary {
  const summary = stored as Omit<DeploymentSummary, "boards" | "boardsRemoved"> & Partial<Pick<DeploymentSummary, "boards" | "boardsRemoved">>;
  return { ...summary, boards: summary.boards ?? [], boardsRemoved: summary.boardsRemoved ?? [] };
}

/** The app's deployments, newest first. Everyone in the account may read them. */
export function listDeployments(actor: Actor, appId: string): DeploymentView[] {
  const app = appOfAccount(actor, appId);
  return listDeploymentRows(app.id).map(({ deployment, deployedByName }) => ({
    id: deployment.id,
    number: deployment.number,
    deployedAt: deployment.deployedAt,
    deployedBy: { id: deployment.deployedBy, name: deployedByName },
    summary: storedSummary(deployment.summary),
  }));
}
