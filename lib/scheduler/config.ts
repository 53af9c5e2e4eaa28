// The scheduler's intervals, from environment variables (README.md, "Configure"). A value that is
// not a whole number stops the start with a message naming the variable.
import { z } from "zod";

const VARIABLES = {
  resyncMinutes: ["SCHEDULER_RESYNC_MINUTES", 1],
  oauthRefreshMinutes: ["OAUTH_REFRESH_INTERVAL_MINUTES", 5],
  oauthRefreshAheadMinutes: ["OAUTH_REFRESH_AHEAD_MINUTES", 10],
  connectionTestMinutes: ["CONNECTION_TEST_INTERVAL_MINUTES", 60],
  retentionDays: ["RUN_RETENTION_DAYS", 30],
  retentionMinutes: ["RUN_RETENTION_INTERVAL_MINUTES", 60],
} as const;

export type SchedulerConfig = { enabled: boolean } & { [K in keyof typeof VARIABLES]: number };

export class SchedulerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchedulerConfigError";
  }
}

const wholeNumber = z.coerce.number().int().min(0).max(1_000_000);

/** 0 turns a job off (connection tests, OAuth refreshes, retention); the re-sync needs at least 1. */
export function schedulerConfig(env: Record<string, string | undefined> = process.env): SchedulerConfig {
  const values = Object.fromEntries(
    Object.entries(VARIABLES).map(([key, [name, fallback]]) => {
      const raw = env[name]?.trim();
      const parsed = wholeNumber.safeParse(raw ? raw : fallback);
      if (!parsed.success || (key === "resyncMinutes" && parsed.data < 1)) {
        throw new SchedulerConfigError(`${name} must be a whole number${key === "resyncMinutes" ? " of at least 1" : " (0 turns it off)"}; got "${raw}".`);
      }
      return [key, parsed.data];
    }),
  ) as Omit<SchedulerConfig, "enabled">;
  return { enabled: env.SCHEDULER_ENABLED?.trim().toLowerCase() !== "false", ...values };
}
