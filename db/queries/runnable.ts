// The integrations that are On in an environment, as the engine reads them: Production ones
// from `production_integrations` (live and switched on), Development ones from `integrations`
// (active and switched on in the builder).
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { apps, integrations, productionIntegrations, type EnvironmentKind } from "@/db/schema";

export type OnIntegrationRow = { id: string; appId: string; name: string; definition: unknown; version: number };

export function onIntegrationsOfAccount(accountId: string, kind: EnvironmentKind, db: Db | Tx = getDb()): OnIntegrationRow[] {
  if (kind === "production") {
    return db
      .select({ id: productionIntegrations.id, appId: productionIntegrations.appId, name: productionIntegrations.name, definition: productionIntegrations.definition, version: productionIntegrations.deploymentNumber })
      .from(productionIntegrations)
      .innerJoin(apps, eq(apps.id, productionIntegrations.appId))
      .where(and(eq(apps.accountId, accountId), eq(productionIntegrations.enabled, true), eq(productionIntegrations.status, "live")))
      .all();
  }
  return db
    .select({ id: integrations.id, appId: integrations.appId, name: integrations.name, definition: integrations.definition, version: integrations.updatedAt })
    .from(integrations)
    .innerJoin(apps, eq(apps.id, integrations.appId))
    .where(and(eq(apps.accountId, accountId), eq(integrations.enabled, true), eq(integrations.state, "active")))
    .all();
}

/** One integration of the environment, On or not, archived or not (re-runs on the latest version, catch-up). */
export function integrationOfEnvironment(integrationId: string, kind: EnvironmentKind, db: Db | Tx = getDb()): (OnIntegrationRow & { enabled: boolean; archived: boolean }) | undefined {
  if (kind === "production") {
    return db
      .select({ id: productionIntegrations.id, appId: productionIntegrations.appId, name: productionIntegrations.name, definition: productionIntegrations.definition, version: productionIntegrations.deploymentNumber, enabled: productionIntegrations.enabled, archived: sql<boolean>`${productionIntegrations.status} = 'archived'`.mapWith(Boolean) })
      .from(productionIntegrations)
      .where(eq(productionIntegrations.id, integrationId))
      .get();
  }
  return db
    .select({ id: integrations.id, appId: integrations.appId, name: integrations.name, definition: integrations.definition, version: integrations.updatedAt, enabled: integrations.enabled, archived: sql<boolean>`${integrations.state} = 'archived'`.mapWith(Boolean) })
    .from(integrations)
    .where(eq(integrations.id, integrationId))
    .get();
}
