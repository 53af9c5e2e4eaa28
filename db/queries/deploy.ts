// Reads for deployments and Production integrations, and the Development integrations they are
// made from. The Development integrations service (lib/integrations/integrations.ts) is written
// in parallel with deploy; until it lands, deploy reads the `integrations` table here, directly
// through drizzle. Every function takes the handle to read with, so deploy can read inside its
// own transaction.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { apps, connections, deployments, environments, integrations, productionIntegrations, users, type EnvironmentKind } from "@/db/schema";

type Handle = Db | Tx;

/** An app's Development integrations (active and archived), oldest first, definitions unparsed. */
export function listDevelopmentIntegrations(appId: string, db: Handle = getDb()) {
  return db.select().from(integrations).where(eq(integrations.appId, appId)).orderBy(asc(integrations.createdAt), asc(integrations.id)).all();
}

/** An app's Production integrations, by name. */
export function listProductionIntegrationRows(appId: string, db: Handle = getDb()) {
  return db.select().from(productionIntegrations).where(eq(productionIntegrations.appId, appId)).orderBy(asc(productionIntegrations.name), asc(productionIntegrations.id)).all();
}

/** One Production integration, if its app belongs to the account. */
export function findProductionIntegration(accountId: string, integrationId: string, db: Handle = getDb()) {
  return db
    .select({ integration: productionIntegrations, app: apps })
    .from(productionIntegrations)
    .innerJoin(apps, eq(apps.id, productionIntegrations.appId))
    .where(and(eq(productionIntegrations.id, integrationId), eq(apps.accountId, accountId)))
    .get();
}

export function latestDeployment(appId: string, db: Handle = getDb()) {
  return db.select().from(deployments).where(eq(deployments.appId, appId)).orderBy(desc(deployments.number)).limit(1).get();
}

/** An app's deployments, newest first, with the deployer's name. */
export function listDeploymentRows(appId: string, db: Handle = getDb()) {
  return db
    .select({ deployment: deployments, deployedByName: users.name })
    .from(deployments)
    .leftJoin(users, eq(users.id, deployments.deployedBy))
    .where(eq(deployments.appId, appId))
    .orderBy(desc(deployments.number))
    .all();
}

/** Every connection of one environment of the account (credentials included: callers never show them). */
export function listEnvironmentConnections(accountId: string, kind: EnvironmentKind, db: Handle = getDb()) {
  return db
    .select({ connection: connections })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(and(eq(environments.accountId, accountId), eq(environments.kind, kind)))
    .orderBy(asc(connections.name))
    .all()
    .map((row) => row.connection);
}

export function connectionsByIds(ids: string[], db: Handle = getDb()) {
  if (ids.length === 0) return [];
  return db.select().from(connections).where(inArray(connections.id, ids)).all();
}
