// The go-live checklist (SPEC §9.1): after a deployment, each Production connection the app's
// live integrations use, whether it is ready, and which integrations it keeps off.
import { listProductionIntegrationRows } from "@/db/queries/deploy";
import type { ConnectionStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { getConnector } from "@/lib/connectors/registry";
import { connectionIdsOf, definitionSchema } from "@/lib/integrations/definition";
import { readinessContext } from "@/lib/integrations/production-integrations";
import { connectionProblem, integrationProblems } from "@/lib/integrations/production-readiness";
import { listDeployments } from "@/lib/deploy/deploy";

export type ChecklistConnection = {
  id: string;
  name: string;
  connector: { key: string; name: string; icon: string };
  status: ConnectionStatus;
  authenticated: boolean;
  /** Null when ready; else what to do. */
  problem: string | null;
  /** The live integrations using it that are off: those it blocks while it is not ready. */
  blocks: { id: string; name: string }[];
  usedBy: { id: string; name: string }[];
};

export type GoLiveChecklist = {
  deployment: { number: number; deployedAt: number; deployedBy: string | null } | null;
  connections: ChecklistConnection[];
  integrations: { id: string; name: string; enabled: boolean; problems: string[] }[];
  /** Live integrations that are off and could be turned on now. */
  readyCount: number;
};

export function goLiveChecklist(actor: Actor, appId: string): GoLiveChecklist {
  const app = appOfAccount(actor, appId);
  const [latest] = listDeployments(actor, app.id);
  const context = readinessContext(actor.accountId, app.id);
  const live = listProductionIntegrationRows(app.id).filter((row) => row.status === "live");
  const byConnection = new Map<string, { id: string; name: string; enabled: boolean }[]>();
  const integrations: GoLiveChecklist["integrations"] = [];
  for (const row of live) {
    const parsed = definitionSchema.safeParse(row.definition);
    for (const id of parsed.success ? connectionIdsOf(parsed.data) : []) byConnection.set(id, [...(byConnection.get(id) ?? []), { id: row.id, name: row.name, enabled: row.enabled }]);
    integrations.push({ id: row.id, name: row.name, enabled: row.enabled, problems: integrationProblems(row, context.connectionsById, context.latest).map((p) => p.message) });
  }
  const connections: ChecklistConnection[] = [];
  for (const [id, users] of byConnection) {
    const connection = context.connectionsById.get(id);
    if (!connection) continue;
    const connector = getConnector(connection.connectorKey);
    const problem = connectionProblem(connection, context.latest);
    connections.push({
      id,
      name: connection.name,
      connector: { key: connection.connectorKey, name: connector?.name ?? connection.connectorKey, icon: connector?.icon ?? "" },
      status: connection.status,
      authenticated: connection.authenticatedAt !== null,
      problem,
      blocks: problem ? users.filter((u) => !u.enabled).map(({ id: integrationId, name }) => ({ id: integrationId, name })) : [],
      usedBy: users.map(({ id: integrationId, name }) => ({ id: integrationId, name })),
    });
  }
  // Those to authenticate first, then by name.
  connections.sort((a, b) => Number(a.problem === null) - Number(b.problem === null) || a.name.localeCompare(b.name));
  return {
    deployment: latest ? { number: latest.number, deployedAt: latest.deployedAt, deployedBy: latest.deployedBy.name } : null,
    connections,
    integrations,
    readyCount: integrations.filter((i) => !i.enabled && i.problems.length === 0).length,
  };
}
