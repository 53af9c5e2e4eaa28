// Which integrations use a connection: the Connections tab shows the count ("Used in N
// integrations"), and a connection in use cannot be deleted.
//
// Archived integrations count too: a Development one can be restored, a Production one comes
// back with the next deployment, and their trigger and steps would then point at a connection
// that no longer exists. A connection belongs to one environment, so Development connections are
// used by Development definitions and Production connections by deployed ones.
import { integrationRowsMentioning, productionRowsMentioning } from "@/db/queries/integrations";
import { connectionIdsOf, definitionSchema } from "@/lib/integrations/definition";

export type ConnectionUse = {
  environment: "development" | "production";
  integrationId: string;
  appId: string;
  name: string;
  /** Development: active or archived; Production: live or archived. */
  state: string;
};

type DefinitionRow = { id: string; appId: string; name: string; definition: unknown };

/** The rows (found by a text match on the ID) whose parsed definition really uses the connection. */
function uses<R extends DefinitionRow>(connectionId: string, rows: R[], environment: ConnectionUse["environment"], stateOf: (row: R) => string): ConnectionUse[] {
  return rows
    .filter((row) => {
      const parsed = definitionSchema.safeParse(row.definition);
      return parsed.success && connectionIdsOf(parsed.data).includes(connectionId);
    })
    .map((row) => ({ environment, integrationId: row.id, appId: row.appId, name: row.name, state: stateOf(row) }));
}

/** Development integrations (active and archived) whose trigger or steps use the connection. */
export function developmentIntegrationsUsing(connectionId: string): ConnectionUse[] {
  return uses(connectionId, integrationRowsMentioning(connectionId), "development", (row) => row.state);
}

/** Deployed integrations (live and archived) whose trigger or steps use the connection. */
export function productionIntegrationsUsing(connectionId: string): ConnectionUse[] {
  return uses(connectionId, productionRowsMentioning(connectionId), "production", (row) => row.status);
}

/** Every integration using the connection. */
export function integrationsUsing(connectionId: string): ConnectionUse[] {
  return [...developmentIntegrationsUsing(connectionId), ...productionIntegrationsUsing(connectionId)];
}

/** How many integrations use the connection in their trigger or steps. */
export function usedInCount(connectionId: string): number {
  return integrationsUsing(connectionId).length;
}
