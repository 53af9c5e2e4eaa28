// The whole data model. Times are integers (milliseconds since the epoch) everywhere, so the
// PostgreSQL dialect can map them to bigint without conversions.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

