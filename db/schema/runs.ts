// The run engine: immutable integration versions, runs and their steps, run counters, and the
// state of polling triggers.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { environments } from "./accounts";

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

export type IntegrationVersion = typeof integrationVersions.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type RunStep = typeof runSteps.$inferSelect;
export type TriggerPoll = typeof triggerPolls.$inferSelect;
