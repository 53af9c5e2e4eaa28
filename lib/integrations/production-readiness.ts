// Whether a Production integration may be turned on (SPEC §3 rule 1), and if not, why, in words
// that name the connection and what to do. A connection is ready when it is Connected, was
// authenticated after the app's latest deployment (a passing Test connection on the old
// credentials is not enough) and its last test did not fail.
import type { Connection, Deployment, ProductionIntegration } from "@/db/schema";
import { getConnector } from "@/lib/connectors/registry";
import { definitionSchema, type IntegrationDefinition } from "@/lib/integrations/definition";

export type LatestDeployment = Pick<Deployment, "number" | "deployedAt">;

export type Problem = {
  /** The Production connection at fault, when a connection is. */
  connectionId: string | null;
  message: string;
};

/** Why the connection is not ready, or null when it is. */
export function connectionProblem(connection: Connection, latest: LatestDeployment | undefined): string | null {
  const name = connection.name;
  if (connection.authenticatedAt === null) return `${name} has never been authenticated: use Connect now on the Connections tab.`;
  if (latest && connection.authenticatedAt <= latest.deployedAt) {
    return `${name} is not authenticated since the last deployment (version ${latest.number}): reauthenticate it with Production credentials on the Connections tab.`;
  }
  if (connection.status === "failed" || connection.lastTestOk === false) {
    const why = connection.lastTestMessage ?? connection.statusMessage;
    return `${name}: its last test failed${why ? ` (${why.replace(/\.$/, "")})` : ""}. Reauthenticate it or test it again on the Connections tab.`;
  }
  if (connection.status !== "connected") {
    return `${name} needs to be reauthenticated${connection.statusMessage ? ` (${connection.statusMessage.replace(/\.$/, "")})` : ""}: use Reauthenticate on the Connections tab.`;
  }
  return null;
}

function needsConnection(connectorKey: string): boolean {
  const auth = getConnector(connectorKey)?.auth;
  return !!auth && auth.kind !== "none" && !auth.optional;
}

/** Every reason the integration cannot be turned on; empty when it can. */
export function integrationProblems(
  integration: Pick<ProductionIntegration, "name" | "status" | "definition">,
  connectionsById: Map<string, Connection>,
  latest: LatestDeployment | undefined,
): Problem[] {
  if (integration.status === "archived") {
    return [{ connectionId: null, message: `${integration.name} is archived: restore it in the app builder and deploy to turn it on.` }];
  }
  const parsed = definitionSchema.safeParse(integration.definition);
  if (!parsed.success) return [{ connectionId: null, message: `${integration.name} has a definition this version cannot read: deploy the app again.` }];
  const definition: IntegrationDefinition = parsed.data;
  const problems: Problem[] = [];
  if (!definition.trigger) problems.push({ connectionId: null, message: `${integration.name} has no trigger: choose one in the app builder and deploy again.` });
  const parts = [
    ...(definition.trigger ? [{ label: "The trigger", connectorKey: definition.trigger.connectorKey, connectionId: definition.trigger.connectionId }] : []),
    ...definition.steps.map((step) => ({ label: `The step "${step.name}"`, connectorKey: step.connectorKey, connectionId: step.connectionId })),
  ];
  const seen = new Set<string>();
  for (const part of parts) {
    if (!getConnector(part.connectorKey)) {
      problems.push({ connectionId: null, message: `${part.label} uses the connector "${part.connectorKey}", which this instance does not have.` });
      continue;
    }
    if (part.connectionId === null) {
      if (needsConnection(part.connectorKey)) problems.push({ connectionId: null, message: `${part.label} has no connection: choose one in the app builder and deploy again.` });
      continue;
    }
    if (seen.has(part.connectionId)) continue;
    seen.add(part.connectionId);
    const connection = connectionsById.get(part.connectionId);
    if (!connection) {
      problems.push({ connectionId: part.connectionId, message: `${part.label} uses a Production connection that was deleted: deploy the app again to recreate it.` });
      continue;
    }
    const problem = connectionProblem(connection, latest);
    if (problem) problems.push({ connectionId: connection.id, message: problem });
  }
  return problems;
}
