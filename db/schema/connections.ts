// Connections with their encrypted credentials, instance settings, and OAuth clients.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts, environments } from "./accounts";

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

export type Connection = typeof connections.$inferSelect;
export type OAuthClient = typeof oauthClients.$inferSelect;
