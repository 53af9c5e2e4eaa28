// The whole data model. Times are integers (milliseconds since the epoch) everywhere, so the
// PostgreSQL dialect can map them to bigint without conversions.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["admin", "builder", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ENVIRONMENT_KINDS = ["development", "production"] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

export const FIELD_TYPES = ["text", "number", "date", "select", "email", "checkbox"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type BoardField = {
  /** Stable key the item values are stored under; never changes after creation. */
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Choices of a `select` field. */
  options?: string[];
};

export type ItemValues = Record<string, string | number | boolean | null>;

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Each account has exactly one Development and one Production environment. */
export const environments = sqliteTable(
  "environments",
  {
    /** The public Account ID, e.g. `AcX7k2p9` (production) or `AcX7k2p9-dev` (development). */
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ENVIRONMENT_KINDS }).notNull(),
    /** Null means the instance's public host. */
    domain: text("domain"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("environments_account_kind").on(t.accountId, t.kind)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Stored lower-cased; one email signs in to one account. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_email").on(t.email), index("users_account").on(t.accountId)],
);

/** Failed sign-ins per email, for slowing down and locking out password guessing. */
export const signInThrottles = sqliteTable("sign_in_throttles", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
  lockedUntil: integer("locked_until"),
});

export const accessKeys = sqliteTable(
  "access_keys",
  {
    /** The Access key ID, shown to the user and sent as `X-Access-Key-Id`. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the secret (the secret is 256 random bits, so a slow hash adds nothing). */
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("access_keys_user").on(t.userId)],
);

export const apps = sqliteTable(
  "apps",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("apps_account").on(t.accountId)],
);

export const boards = sqliteTable(
  "boards",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The fields as edited in the app builder: Development's form. */
    fields: text("fields", { mode: "json" }).$type<BoardField[]>().notNull(),
    /**
     * Production's form: the fields as of the app's latest deployment (SPEC §3 rule 6: builder
     * changes reach Production only through Deploy). Null until the board is first deployed.
     */
    productionFields: text("production_fields", { mode: "json" }).$type<BoardField[]>(),
    /** Production's name for the board, as of the latest deployment; null until first deployed. */
    productionName: text("production_name"),
    /**
     * When the board was deleted in the app builder: gone from Development, still in Production
     * with its items until the next deployment removes it.
     */
    deletedInDevelopmentAt: integer("deleted_in_development_at"),
    /** Keys of removed fields: never given to a new field, so old item values cannot resurface. */
    retiredFieldKeys: text("retired_field_keys", { mode: "json" }).$type<string[]>().notNull().default([]),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("boards_app").on(t.appId)],
);

/** Board items; each environment keeps its own. */
export const items = sqliteTable(
  "items",
  {
    /** Time-ordered ID, so ordering by ID is ordering by creation. */
    id: text("id").primaryKey(),
    boardId: text("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    values: text("values", { mode: "json" }).$type<ItemValues>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("items_board_env_id").on(t.boardId, t.environmentId, t.id)],
);

export const ITEM_CHANGE_KINDS = ["created", "updated", "deleted"] as const;
export type ItemChangeKind = (typeof ITEM_CHANGE_KINDS)[number];

/**
 * The item change log: one row per item write, in the same transaction as the write. Triggers
 * read it to produce runs and to catch up on what arrived while an integration was off.
 */
export const itemChanges = sqliteTable(
  "item_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: text("item_id").notNull(),
    boardId: text("board_id").notNull(),
    environmentId: text("environment_id").notNull(),
    kind: text("kind", { enum: ITEM_CHANGE_KINDS }).notNull(),
    /** The item's values after the change (before it, for a deletion). */
    values: text("values", { mode: "json" }).$type<ItemValues>().notNull(),
    /** Who made it: `user:<id>` or `key:<accessKeyId>`. */
    actor: text("actor").notNull(),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [index("item_changes_board_env").on(t.boardId, t.environmentId, t.id)],
);

/** Remembered responses of `POST .../items` requests sent with an `Idempotency-Key`. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    environmentId: text("environment_id").notNull(),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is a conflict. */
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    response: text("response").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("idempotency_keys_env_key").on(t.environmentId, t.key),
    index("idempotency_keys_created").on(t.createdAt),
  ],
);

export const CONNECTION_STATUSES = ["connected", "reauthentication_required", "failed"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * The authentication of one connector in one environment. Credentials are AES-256-GCM encrypted
 * (lib/connections/secrets.ts); `authenticatedAt` null means never authenticated ("Connect now").
 */
export const connections = sqliteTable(
  "connections",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    connectorKey: text("connector_key").notNull(),
    name: text("name").notNull(),
    /** Encrypted JSON of the credentials; null until the connection is first authenticated. */
    credentials: text("credentials"),
    status: text("status", { enum: CONNECTION_STATUSES }).notNull(),
    /** Why the status is what it is, e.g. the last failure, shown on the Connections tab. */
    statusMessage: text("status_message"),
    authenticatedAt: integer("authenticated_at"),
    authenticatedBy: text("authenticated_by"),
    lastTestedAt: integer("last_tested_at"),
    lastTestOk: integer("last_test_ok", { mode: "boolean" }),
    lastTestMessage: text("last_test_message"),
    /**
     * The OAuth app (an `oauth_clients` ID, or `env:<name>` for one set in OAUTH_APPS) the
     * connection signs in with; null for credentials typed in a form. Then `credentials` holds
     * the tokens. No foreign key: apps from the environment have no row.
     */
    oauthAppId: text("oauth_app_id"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("connections_environment").on(t.environmentId),
    uniqueIndex("connections_environment_name").on(t.environmentId, t.name),
    index("connections_oauth_app").on(t.oauthAppId),
  ],
);

/** Instance-wide settings and markers, e.g. the check value that proves the encryption key is right. */
export const instanceSettings = sqliteTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** How an OAuth client sends its secret to the token endpoint (HTTP Basic, or in the form body). */
export const OAUTH_CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;

/** OAuth 2.0 client registrations an admin sets per account (client ID and encrypted secret). */
export const oauthClients = sqliteTable(
  "oauth_clients",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    authorizeUrl: text("authorize_url").notNull(),
    tokenUrl: text("token_url").notNull(),
    scopes: text("scopes").notNull(),
    clientId: text("client_id").notNull(),
    /** Encrypted, bound to the row's ID (lib/connections/secrets.ts). */
    clientSecret: text("client_secret").notNull(),
    /** The provider's issuer identifier, for providers that send `iss`; null: the token URL's origin. */
    issuer: text("issuer"),
    authMethod: text("auth_method", { enum: OAUTH_CLIENT_AUTH_METHODS }).notNull().default("client_secret_basic"),
    /** A GET address (a userinfo endpoint) that Test connection calls with the access token. */
    testUrl: text("test_url"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("oauth_clients_account_name").on(t.accountId, t.name)],
);

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

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "filtered"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Final statuses: a run in one of these never changes again. */
export const FINISHED_RUN_STATUSES = ["succeeded", "failed", "filtered"] as const;
export type FinishedRunStatus = (typeof FINISHED_RUN_STATUSES)[number];

/** What produced a run: an item write, a webhook request, a schedule tick, a poll, a re-run, a catch-up. */
export const RUN_SOURCES = ["item", "webhook", "schedule", "poll", "rerun", "catch_up"] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

/**
 * Immutable definitions runs execute: one row per integration, environment and version, written
 * (if missing) when the first run of that version is queued. `id` is
 * `<integrationId>@<environmentId>@<version>`; the definition's connection IDs are that environment's.
 */
export const integrationVersions = sqliteTable(
  "integration_versions",
  {
    id: text("id").primaryKey(),
    integrationId: text("integration_id").notNull(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    /** Production: the deployment number. Development: the save time of the definition. */
    version: integer("version").notNull(),
    name: text("name").notNull(),
    definition: text("definition", { mode: "json" }).$type<unknown>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("integration_versions_integration").on(t.integrationId, t.environmentId)],
);

/**
 * One item through one integration. Queued in the same transaction as the event that produced
 * it; claimed by a worker with a lease; `id` is an integer so history pages by keyset and the
 * text search index (runs_search, FTS5) can key on it.
 */
export const runs = sqliteTable(
  "runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    appId: text("app_id").notNull(),
    integrationId: text("integration_id").notNull(),
    versionId: text("version_id").notNull(),
    /** The version number, for lists ("Version 3"). */
    version: integer("version").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    source: text("source", { enum: RUN_SOURCES }).notNull(),
    /** The trigger item (JSON, at most 64 KiB, else truncated with a marker). */
    triggerData: text("trigger_data", { mode: "json" }).$type<unknown>().notNull(),
    /** Executions started so far (1 on the first claim; a transient failure queues it again). */
    attempts: integer("attempts").notNull().default(0),
    /** A queued run is not claimed before this time (backoff after a transient failure). */
    runAfter: integer("run_after").notNull(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: integer("lease_expires_at"),
    /** Why it failed (the failing step's error), shown in Run history. */
    error: text("error"),
    /** The run this one re-runs, when it is a re-run. */
    rerunOf: integer("rerun_of"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("runs_environment_id").on(t.environmentId, t.id),
    index("runs_app_id").on(t.appId, t.environmentId, t.id),
    index("runs_integration_id").on(t.integrationId, t.environmentId, t.id),
    index("runs_app_status_id").on(t.appId, t.environmentId, t.status, t.id),
    // "Failed runs of one integration": without it, an integration with few failures in a busy
    // app would make Run history read every failed run of the app to fill one page.
    index("runs_integration_status_id").on(t.integrationId, t.environmentId, t.status, t.id),
    // A run's page links to its re-runs; few runs are re-runs, so the index stays small.
    index("runs_rerun_of").on(t.rerunOf).where(sql`rerun_of IS NOT NULL`),
    // The workers' queue and lease sweeps look only at unfinished runs.
    index("runs_claimable").on(t.runAfter, t.id).where(sql`status = 'queued'`),
    index("runs_leased").on(t.leaseExpiresAt).where(sql`status = 'running'`),
    index("runs_created").on(t.createdAt),
  ],
);

/** Each executed step of a run: input (after templates), output, error, attempts and duration. */
export const runSteps = sqliteTable(
  "run_steps",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    stepId: text("step_id").notNull(),
    name: text("name").notNull(),
    connectorKey: text("connector_key").notNull(),
    actionKey: text("action_key").notNull(),
    status: text("status", { enum: ["succeeded", "failed", "filtered", "retrying"] }).notNull(),
    input: text("input", { mode: "json" }).$type<unknown>(),
    output: text("output", { mode: "json" }).$type<unknown>(),
    error: text("error"),
    attempts: integer("attempts").notNull(),
    durationMs: integer("duration_ms").notNull(),
    finishedAt: integer("finished_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.position] })],
);

/**
 * Runs per month (UTC, `YYYY-MM`) of an app or an integration in one environment, counted as runs
 * are queued, so "runs this month" is one row read, never a COUNT(*).
 */
export const runCounters = sqliteTable(
  "run_counters",
  {
    environmentId: text("environment_id").notNull(),
    scope: text("scope", { enum: ["app", "integration"] }).notNull(),
    scopeId: text("scope_id").notNull(),
    month: text("month").notNull(),
    runs: integer("runs").notNull(),
    lastRunAt: integer("last_run_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.scope, t.scopeId, t.month] })],
);

/** Finished runs per UTC day and final status, per integration, for the Run history chart. */
export const runDailyCounts = sqliteTable(
  "run_daily_counts",
  {
    environmentId: text("environment_id").notNull(),
    appId: text("app_id").notNull(),
    integrationId: text("integration_id").notNull(),
    day: text("day").notNull(),
    status: text("status", { enum: FINISHED_RUN_STATUSES }).notNull(),
    runs: integer("runs").notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.appId, t.integrationId, t.day, t.status] })],
);

/**
 * What a polling trigger remembers per integration and environment: the cursor its connector
 * returned (e.g. the keys already seen), when it last polled and its last error.
 */
export const triggerPolls = sqliteTable(
  "trigger_polls",
  {
    integrationId: text("integration_id").notNull(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    /** A hash of the trigger's options: when they change, the next poll starts afresh. */
    optionsHash: text("options_hash").notNull(),
    /** Null until the first poll succeeded. */
    cursor: text("cursor"),
    lastPolledAt: integer("last_polled_at").notNull(),
    /** The last poll's error, cleared by the next poll that succeeds. */
    lastError: text("last_error"),
    lastErrorAt: integer("last_error_at"),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.environmentId] })],
);

export type Account = typeof accounts.$inferSelect;
export type Environment = typeof environments.$inferSelect;
export type User = typeof users.$inferSelect;
export type AccessKey = typeof accessKeys.$inferSelect;
export type App = typeof apps.$inferSelect;
export type Board = typeof boards.$inferSelect;
export type Item = typeof items.$inferSelect;
export type ItemChange = typeof itemChanges.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type OAuthClient = typeof oauthClients.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
export type Deployment = typeof deployments.$inferSelect;
export type ProductionIntegration = typeof productionIntegrations.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type IntegrationVersion = typeof integrationVersions.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type RunStep = typeof runSteps.$inferSelect;
export type TriggerPoll = typeof triggerPolls.$inferSelect;

