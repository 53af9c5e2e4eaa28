// Which integrations use a connection: the Connections tab shows the count ("Used in N
// integrations"), and a connection in use cannot be deleted.
//
// Development definitions (the app builder's `integrations` table) are counted here, ARCHIVED ONES
// INCLUDED: an archived integration can be restored, and its trigger and steps would then point
// at a connection that no longer exists. A connection belongs to one environment, so a
// Development connection is only ever used by Development definitions.
//
// Extension point for Production: deployed definitions (`production_integrations`) point at
// Production connections. The deploy side adds `productionIntegrationsUsing(connectionId)`
// (returning `ConnectionUse[]` with environment "production") and appends it in `integrationsUsing`
// below; `usedInCount` then counts both without further change.
import { integrationRowsMentioning } from "@/db/queries/integrations";
import { connectionIdsOf, definitionSchema } from "@/lib/integrations/definition";

export type ConnectionUse = {
  environment: "development" | "production";
  integrationId: string;
  appId: string;
  name: string;
  /** Development: active or archived; Production: live or archived. */
  state: string;
};

/** Development integrations (active and archived) whose trigger or steps use the connection. */
export function developmentIntegrationsUsing(connectionId: string): ConnectionUse[] {
  return integrationRowsMentioning(connectionId)
    .filter((row) => {
      const parsed = definitionSchema.safeParse(row.definition);
      return parsed.success && connectionIdsOf(parsed.data).includes(connectionId);
    })
    .map((row) => ({ environment: "development", integrationId: row.id, appId: row.appId, name: row.name, state: row.state }));
}

/** Every integration using the connection, by name. */
export function integrationsUsing(connectionId: string): ConnectionUse[] {
  return [...developmentIntegrationsUsing(connectionId) /* , ...productionIntegrationsUsing(connectionId) */];
}

/** How many integrations use the connection in their trigger or steps. */
export function usedInCount(connectionId: string): number {
  return integrationsUsing(connectionId).length;
}
