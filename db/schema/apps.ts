// Apps, their boards (with typed fields) and items, the item change log, and remembered
// idempotent requests.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts, environments } from "./accounts";

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

export type App = typeof apps.$inferSelect;
export type Board = typeof boards.$inferSelect;
export type Item = typeof items.$inferSelect;
export type ItemChange = typeof itemChanges.$inferSelect;
