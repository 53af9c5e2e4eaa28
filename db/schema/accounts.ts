// Accounts, their two environments, users, sign-in throttles and access keys.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["admin", "builder", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ENVIRONMENT_KINDS = ["development", "production"] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

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

export type Account = typeof accounts.$inferSelect;
export type Environment = typeof environments.$inferSelect;
export type User = typeof users.$inferSelect;
export type AccessKey = typeof accessKeys.$inferSelect;
