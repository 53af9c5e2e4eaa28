// Reads for what produces runs outside item writes: the webhook endpoint, the scheduler (schedule
// and polling triggers of every account), and the state polling triggers keep. Integrations are
// read the way the engine reads them (db/queries/runnable.ts): Production from
// `production_integrations`, Development from `integrations`, each with its environment.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { preparedPerHandle } from "@/db/prepared";
import { apps, environments, integrations, productionIntegrations, triggerPolls, type EnvironmentKind, type TriggerPoll } from "@/db/schema";
import type { OnIntegrationRow } from "@/db/queries/runnable";

type Handle = Db | Tx;

export type EnvironmentIntegrationRow = OnIntegrationRow & { environmentId: string; kind: EnvironmentKind; accountId: string };

/** The columns each environment keeps its integrations in, under one set of names. */
function tableOf(kind: EnvironmentKind) {
  if (kind === "production") {
    const t = productionIntegrations;
    return { table: t, id: t.id, appId: t.appId, name: t.name, definition: t.definition, version: t.deploymentNumber, enabled: t.enabled, live: sql<boolean>`${t.status} = 'live'`, on: and(eq(t.enabled, true), eq(t.status, "live"))! };
  }
  const t = integrations;
  return { table: t, id: t.id, appId: t.appId, name: t.name, definition: t.definition, version: t.updatedAt, enabled: t.enabled, live: sql<boolean>`${t.state} = 'active'`, on: and(eq(t.enabled, true), eq(t.state, "active"))! };
}

function selectRows(kind: EnvironmentKind, where: SQL, db: Handle) {
  const c = tableOf(kind);
  return db
    .select({ id: c.id, appId: c.appId, name: c.name, definition: c.definition, version: c.version, enabled: c.enabled, live: c.live, environmentId: environments.id, accountId: apps.accountId })
    .from(c.table)
    .innerJoin(apps, eq(apps.id, c.appId))
    .innerJoin(environments, and(eq(environments.accountId, apps.accountId), eq(environments.kind, kind)))
    .where(where);
}

const withKind = (kind: EnvironmentKind) => <R extends { live: unknown }>(row: R) => ({ ...row, live: Boolean(row.live), kind });

// Read on every webhook request: one statement per environment kind.
const byIdStatements = preparedPerHandle((db) => {
  const byId = (kind: EnvironmentKind) => selectRows(kind, eq(tableOf(kind).id, sql.placeholder("id")), db).prepare();
  return { production: byId("production"), development: byId("development") };
});

/** One integration of an environment with its switch (`enabled`) and whether it is live/active, whatever its trigger. */
export function integrationInEnvironment(integrationId: string, kind: EnvironmentKind) {
  const row = byIdStatements(getDb())[kind].get({ id: integrationId });
  return row ? withKind(kind)(row) : undefined;
}

/** Every integration On, in both environments of every account, whose trigger is one of these connectors'. */
export function onIntegrationsWithTriggerConnectors(connectorKeys: string[], db: Handle = getDb()): EnvironmentIntegrationRow[] {
  if (connectorKeys.length === 0) return [];
  return (["production", "development"] as const).flatMap((kind) => {
    const c = tableOf(kind);
    return selectRows(kind, and(c.on, inArray(sql`json_extract(${c.definition}, '$.trigger.connectorKey')`, connectorKeys))!, db).all().map(withKind(kind));
  });
}

/** The versions of those of `integrationIds` that are On in the environment kind. */
export function onVersions(kind: EnvironmentKind, integrationIds: string[], db: Handle = getDb()): Map<string, number> {
  if (integrationIds.length === 0) return new Map();
  const c = tableOf(kind);
  const rows = db.select({ id: c.id, version: c.version }).from(c.table).where(and(c.on, inArray(c.id, integrationIds))).all();
  return new Map(rows.map((row) => [row.id, row.version]));
}

export function findTriggerPoll(integrationId: string, environmentId: string, db: Handle = getDb()): TriggerPoll | undefined {
  return db.select().from(triggerPolls).where(and(eq(triggerPolls.integrationId, integrationId), eq(triggerPolls.environmentId, environmentId))).get();
}

/** The polling state of these integrations in one environment, by integration ID. */
export function triggerPollsOf(environmentId: string, integrationIds: string[], db: Handle = getDb()): Map<string, TriggerPoll> {
  if (integrationIds.length === 0) return new Map();
  const rows = db.select().from(triggerPolls).where(and(eq(triggerPolls.environmentId, environmentId), inArray(triggerPolls.integrationId, integrationIds))).all();
  return new Map(rows.map((row) => [row.integrationId, row]));
}

const pollKey = [triggerPolls.integrationId, triggerPolls.environmentId];

/** Records a poll that succeeded: the cursor to continue from, under the options it was made with. */
export function savePollCursor(db: Handle, poll: { integrationId: string; environmentId: string; optionsHash: string; cursor: string | null; polledAt: number }): void {
  const set = { optionsHash: poll.optionsHash, cursor: poll.cursor, lastPolledAt: poll.polledAt, lastError: null, lastErrorAt: null };
  db.insert(triggerPolls).values({ integrationId: poll.integrationId, environmentId: poll.environmentId, ...set }).onConflictDoUpdate({ target: pollKey, set }).run();
}

/** Records a poll that failed; the cursor stays, so the next poll continues where the last good one did. */
export function savePollError(db: Handle, poll: { integrationId: string; environmentId: string; error: string; polledAt: number }): void {
  const set = { lastPolledAt: poll.polledAt, lastError: poll.error, lastErrorAt: poll.polledAt };
  // A first poll that fails has no options hash yet: the empty one never matches, so the next starts afresh.
  db.insert(triggerPolls).values({ integrationId: poll.integrationId, environmentId: poll.environmentId, optionsHash: "", cursor: null, ...set }).onConflictDoUpdate({ target: pollKey, set }).run();
}
