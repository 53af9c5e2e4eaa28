// Integrations as built in Development, deployments, integrations as they run in Production, and
// the audit log.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { apps } from "./apps";

/**
 * Catch-up (SPEC §9.2, lib/integrations/catch-up.ts). Off, `from` alone: the newest item change
 * ID when a switch turned it off. On with both: the catch-up offered, the item changes in
 * (from, to] that arrived while it was off; cleared when run or dismissed.
 */
function catchUpColumns() {
  return {
    catchUpFromChangeId: integer("catch_up_from_change_id"),
    catchUpToChangeId: integer("catch_up_to_change_id"),
  };
}

export const INTEGRATION_STATES = ["active", "archived"] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];

/**
 * Integrations as edited in the app builder (Development). The definition is JSON checked by
 * lib/integrations/definition.ts; it references Development connections.
 */
export const integrations = sqliteTable(
  "integrations",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    definition: text("definition", { mode: "json" }).$type<unknown>().notNull(),
    state: text("state", { enum: INTEGRATION_STATES }).notNull(),
    /** The Development switch: whether it runs on Development events (off until a builder turns it on). */
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
    /** Why it is off when the product turned it off (auto-off after repeated failures…). */
    offReason: text("off_reason"),
    /** When and by whom the Development switch last changed (turned off: where a catch-up starts). */
    switchedAt: integer("switched_at"),
    switchedBy: text("switched_by"),
    ...catchUpColumns(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("integrations_app").on(t.appId)],
);

/** A numbered, immutable snapshot of an app's definition copied to Production. */
export const deployments = sqliteTable(
  "deployments",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    deployedBy: text("deployed_by").notNull(),
    deployedAt: integer("deployed_at").notNull(),
    /** The Development integrations as deployed (definitions with Development connection IDs). */
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>().notNull(),
    /** What changed: integrations added, changed, removed, archived; connections to authenticate. */
    summary: text("summary", { mode: "json" }).$type<unknown>().notNull(),
  },
  (t) => [uniqueIndex("deployments_app_number").on(t.appId, t.number)],
);

export const PRODUCTION_STATUSES = ["live", "archived"] as const;
export type ProductionStatus = (typeof PRODUCTION_STATUSES)[number];

/**
 * Integrations as they run in Production: written only by a deployment (same ID as the
 * Development integration), with their definition pointing at Production connections, and the
 * On/Off switch that only Production has.
 */
export const productionIntegrations = sqliteTable(
  "production_integrations",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    definition: text("definition", { mode: "json" }).$type<unknown>().notNull(),
    status: text("status", { enum: PRODUCTION_STATUSES }).notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    /** Why it is off when the product turned it off (deployment, auto-off…). */
    offReason: text("off_reason"),
    deploymentId: text("deployment_id").notNull(),
    deploymentNumber: integer("deployment_number").notNull(),
    switchedAt: integer("switched_at"),
    switchedBy: text("switched_by"),
    ...catchUpColumns(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("production_integrations_app").on(t.appId)],
);

/** Who deployed, turned on/off, authenticated or tested what, and when. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** `user:<id>`, `key:<id>` or `system`. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_log_account_at").on(t.accountId, t.at)],
);

export type Integration = typeof integrations.$inferSelect;
export type Deployment = typeof deployments.$inferSelect;
export type ProductionIntegration = typeof productionIntegrations.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
