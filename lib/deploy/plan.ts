// What a deployment of an app would do, worked out from the database as it is now: which
// integrations are added, changed, archived or removed in Production, which Production
// connections they use (existing ones matched by name, or created), which boards get new
// Production fields or names, which boards deleted in the app builder leave Production, and each
// row to write.
// The preview shows a plan; deploy makes a new plan inside its transaction and applies it.
import type { Db, Tx } from "@/db/client";
import { listBoards } from "@/db/queries/apps";
import { countProductionItems } from "@/db/queries/items";
import { latestDeployment, listDevelopmentIntegrations, listEnvironmentConnections, listProductionIntegrationRows } from "@/db/queries/deploy";
import type { Connection, IntegrationState } from "@/db/schema";
import { getConnector } from "@/lib/connectors/registry";
import { planBoards, type BoardChange, type DeployedBoard, type RemovedBoard } from "@/lib/deploy/board-changes";
import { randomId } from "@/lib/ids";
import { boardIdsUsedBy } from "@/lib/integrations/board-references";
import { connectionIdsOf, definitionSchema, type IntegrationDefinition } from "@/lib/integrations/definition";
import { stableJson, toPortable, type ConnectionRef } from "@/lib/integrations/export-format";

export type IntegrationChange = {
  id: string;
  name: string;
  /** For a renamed integration: the name Production had. */
  previousName?: string;
  /** For a changed integration: what differs from Production. */
  what?: ("name" | "definition" | "restored")[];
};

export type ConnectionToAuthenticate = {
  name: string;
  connector: { key: string; name: string; icon: string };
  /** The Production connection's ID; for one the deployment creates, the ID it will have. */
  productionConnectionId: string;
  /** The deployment creates it (never authenticated: "Connect now"). */
  created: boolean;
  /** The deployed integrations that use it. */
  usedBy: string[];
};

export type DeploymentSummary = {
  added: IntegrationChange[];
  changed: IntegrationChange[];
  removed: IntegrationChange[];
  archived: IntegrationChange[];
  unchanged: IntegrationChange[];
  /** Every Production connection the deployed integrations use: each needs authenticating after the deployment. */
  connections: ConnectionToAuthenticate[];
  /** Boards whose Production fields or name change (deployments made before boards were deployed have none). */
  boards: BoardChange[];
  /** Boards deleted in the app builder, removed from Production with their items (none in older deployments). */
  boardsRemoved: RemovedBoard[];
};

/** What a deployment stores as its snapshot: the Development integrations and board fields as deployed. */
export type DeploymentSnapshot = {
  integrations: { id: string; name: string; state: IntegrationState; definition: IntegrationDefinition }[];
  connections: { developmentId: string; productionId: string; name: string; connectorKey: string }[];
  boards: DeployedBoard[];
};

export type PlannedWrite =
  | { kind: "insert" | "update"; id: string; name: string; definition: IntegrationDefinition; status: "live" | "archived" }
  | { kind: "delete"; id: string };

export type DeploymentPlan = {
  /** The number of the latest deployment the plan was made against (0: never deployed). */
  basedOn: number;
  /** Why the app cannot be deployed as it is; empty when it can. */
  problems: string[];
  summary: DeploymentSummary;
  snapshot: DeploymentSnapshot;
  writes: PlannedWrite[];
  newConnections: { id: string; name: string; connectorKey: string; oauthAppId: string | null }[];
  /** The boards whose Production fields and name become their Development ones. */
  boardWrites: DeployedBoard[];
};

const refOf = (connection: Pick<Connection, "name" | "connectorKey">): ConnectionRef => ({ name: connection.name, connectorKey: connection.connectorKey });
const connectorOf = (key: string) => {
  const connector = getConnector(key);
  return { key, name: connector?.name ?? key, icon: connector?.icon ?? "" };
};

function remap(definition: IntegrationDefinition, map: Map<string, string>): IntegrationDefinition {
  const to = (id: string | null) => (id === null ? null : (map.get(id) ?? id));
  return {
    trigger: definition.trigger ? { ...definition.trigger, connectionId: to(definition.trigger.connectionId) } : null,
    steps: definition.steps.map((step) => ({ ...step, connectionId: to(step.connectionId) })),
  };
}

export function planDeployment(db: Db | Tx, accountId: string, appId: string): DeploymentPlan {
  const devRows = listDevelopmentIntegrations(appId, db);
  const prodRows = listProductionIntegrationRows(appId, db);
  const devConnections = new Map(listEnvironmentConnections(accountId, "development", db).map((c) => [c.id, c]));
  const prodConnectionList = listEnvironmentConnections(accountId, "production", db);
  const prodConnections = new Map(prodConnectionList.map((c) => [c.id, c]));
  const prodByName = new Map(prodConnectionList.map((c) => [c.name, c]));
  const prodById = new Map(prodRows.map((row) => [row.id, row]));
  const problems: string[] = [];

  // 1. The integrations to deploy, with their definitions checked and their connections found.
  // One archived before it was ever deployed has nothing in Production to archive: it is left out.
  const deployed: { id: string; name: string; state: IntegrationState; definition: IntegrationDefinition }[] = [];
  const usedBy = new Map<string, string[]>();
  for (const row of devRows) {
    if (row.state === "archived" && !prodById.has(row.id)) continue;
    const parsed = definitionSchema.safeParse(row.definition);
    if (!parsed.success) {
      problems.push(`"${row.name}" is not a valid integration (${parsed.error.issues[0]?.message ?? "its definition is malformed"}): fix it in the app builder.`);
      continue;
    }
    for (const id of connectionIdsOf(parsed.data)) {
      if (!devConnections.has(id)) problems.push(`"${row.name}" uses a connection that is not one of this account's Development connections (it was deleted?): choose another in the app builder.`);
      else usedBy.set(id, [...(usedBy.get(id) ?? []), row.name]);
    }
    deployed.push({ id: row.id, name: row.name, state: row.state, definition: parsed.data });
  }

  // 2. A Production counterpart for each Development connection used: same name and connector.
  const toProduction = new Map<string, string>();
  const newConnections: DeploymentPlan["newConnections"] = [];
  const connections: ConnectionToAuthenticate[] = [];
  for (const [devId, names] of usedBy) {
    const dev = devConnections.get(devId)!;
    const existing = prodByName.get(dev.name);
    if (existing && existing.connectorKey !== dev.connectorKey) {
      problems.push(
        `The Production connection "${dev.name}" is a ${connectorOf(existing.connectorKey).name} connection, but the Development one the integrations use is ${connectorOf(dev.connectorKey).name}: rename one of them so the name means one connector.`,
      );
      continue;
    }
    const productionId = existing?.id ?? randomId("con");
    if (!existing) newConnections.push({ id: productionId, name: dev.name, connectorKey: dev.connectorKey, oauthAppId: dev.oauthAppId });
    toProduction.set(devId, productionId);
    connections.push({ name: dev.name, connector: connectorOf(dev.connectorKey), productionConnectionId: productionId, created: !existing, usedBy: names });
  }
  connections.sort((a, b) => a.name.localeCompare(b.name));

  // 3. Each board's Production fields and name become its builder ones; boards deleted in the
  // builder leave Production. An active integration still naming one of those would fail every
  // run in Production: like a deleted connection, it stops the deployment until fixed.
  const boards = planBoards(listBoards(appId, "production", db), (boardId) => countProductionItems(boardId, db));
  const removedBoards = new Map(boards.removed.map((board) => [board.id, board]));
  for (const integration of deployed) {
    if (integration.state !== "active") continue;
    for (const boardId of boardIdsUsedBy(integration.definition)) {
      const board = removedBoards.get(boardId);
      if (board) problems.push(`"${integration.name}" uses the board "${board.name}", which was deleted in the app builder: choose another board or archive the integration, then deploy.`);
    }
  }

  // 4. What changes, compared through the portable form (connections by name, not by ID).
  const summary: DeploymentSummary = {
    added: [],
    changed: [],
    removed: [],
    archived: [],
    unchanged: [],
    connections,
    boards: boards.changes,
    boardsRemoved: boards.removed,
  };
  const writes: PlannedWrite[] = [];
  const devRef = (id: string) => refOf(devConnections.get(id) ?? { name: `#missing ${id}`, connectorKey: "" });
  const prodRef = (id: string) => refOf(prodConnections.get(id) ?? { name: `#missing ${id}`, connectorKey: "" });
  for (const integration of deployed) {
    const prod = prodById.get(integration.id);
    const definition = remap(integration.definition, toProduction);
    const entry = { id: integration.id, name: integration.name };
    if (!prod) {
      summary.added.push(entry);
      writes.push({ kind: "insert", ...entry, definition, status: "live" });
      continue;
    }
    if (integration.state === "archived") {
      if (prod.status === "live") {
        summary.archived.push(entry);
        writes.push({ kind: "update", ...entry, definition, status: "archived" });
      } else summary.unchanged.push(entry);
      continue;
    }
    const prodDefinition = definitionSchema.safeParse(prod.definition);
    const what: NonNullable<IntegrationChange["what"]> = [];
    if (prod.status === "archived") what.push("restored");
    if (prod.name !== integration.name) what.push("name");
    if (!prodDefinition.success || stableJson(toPortable(integration.definition, devRef)) !== stableJson(toPortable(prodDefinition.data, prodRef))) what.push("definition");
    if (what.length === 0) {
      summary.unchanged.push(entry);
      continue;
    }
    summary.changed.push({ ...entry, what, ...(prod.name !== integration.name ? { previousName: prod.name } : {}) });
    writes.push({ kind: "update", ...entry, definition, status: "live" });
  }
  const inDevelopment = new Set(devRows.map((row) => row.id));
  for (const prod of prodRows) {
    if (inDevelopment.has(prod.id)) continue;
    summary.removed.push({ id: prod.id, name: prod.name });
    writes.push({ kind: "delete", id: prod.id });
  }

  return {
    basedOn: latestDeployment(appId, db)?.number ?? 0,
    problems,
    summary,
    snapshot: {
      integrations: deployed,
      connections: [...toProduction].map(([developmentId, productionId]) => ({ developmentId, productionId, ...refOf(devConnections.get(developmentId)!) })),
      boards: boards.deployed,
    },
    writes,
    newConnections,
    boardWrites: boards.writes,
  };
}
