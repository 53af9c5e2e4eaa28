// Reads of Development integrations (the app builder's definitions). Callers have checked the
// account: these take an app ID or an integration ID already known to belong to it.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, integrations, productionIntegrations, type Integration, type ProductionIntegration } from "@/db/schema";

/** The app's integrations, active and archived, oldest first. */
export function listIntegrationRows(appId: string): Integration[] {
  return getDb().select().from(integrations).where(eq(integrations.appId, appId)).orderBy(asc(integrations.createdAt), asc(integrations.id)).all();
}

/** One integration if it belongs to an app of the account (else undefined: "not found"). */
export function findIntegrationRow(accountId: string, integrationId: string): Integration | undefined {
  return getDb()
    .select({ integration: integrations })
    .from(integrations)
    .innerJoin(apps, eq(apps.id, integrations.appId))
    .where(and(eq(integrations.id, integrationId), eq(apps.accountId, accountId)))
    .get()?.integration;
}

/** Whether another integration of the app already has this name (case-insensitive). */
export function integrationNameTaken(appId: string, name: string, exceptId?: string): boolean {
  return (
    getDb()
      .select({ id: integrations.id })
      .from(integrations)
      .where(and(eq(integrations.appId, appId), sql`lower(${integrations.name}) = ${name.toLowerCase()}`, exceptId ? ne(integrations.id, exceptId) : undefined))
      .get() !== undefined
  );
}

export function integrationNamesOfApp(appId: string): string[] {
  return getDb().select({ name: integrations.name }).from(integrations).where(eq(integrations.appId, appId)).all().map((row) => row.name);
}

/**
 * Development integrations whose definition mentions the connection ID (a text match on the
 * stored JSON, portable to PostgreSQL); callers confirm on the parsed definition.
 */
function mentioning(connectionId: string): string {
  return `%${JSON.stringify(connectionId).replace(/[%_\\]/g, "\\$&")}%`;
}

export function integrationRowsMentioning(connectionId: string): Integration[] {
  return getDb()
    .select()
    .from(integrations)
    .where(sql`${integrations.definition} like ${mentioning(connectionId)} escape '\\'`)
    .orderBy(asc(integrations.name))
    .all();
}

/** Production (deployed) integrations whose definition text mentions the connection ID. */
export function productionRowsMentioning(connectionId: string): ProductionIntegration[] {
  return getDb()
    .select()
    .from(productionIntegrations)
    .where(sql`${productionIntegrations.definition} like ${mentioning(connectionId)} escape '\\'`)
    .orderBy(asc(productionIntegrations.name))
    .all();
}
