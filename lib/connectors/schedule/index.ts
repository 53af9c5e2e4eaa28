// Schedule: a trigger every N minutes or on a cron expression in a time zone, run by node-cron
// (lib/scheduler, with the engine). node-cron 4's validate() takes no time zone and a bad zone is
// only caught by schedule(), so zones are checked against the runtime's own list (time-zones.ts).
import cron from "node-cron";
import { z } from "zod";
import { defineConnector, defineTrigger } from "@/lib/connectors/framework";
import { timeZoneSchema as timeZone } from "@/lib/connectors/time-zones";

// Intervals cron can express exactly: divisors of an hour, and whole hours that divide a day.
// Others (7, 90…) would silently drift at each hour or day boundary: a cron expression says that honestly.
const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12, 24];

export const scheduleOptionsSchema = z.discriminatedUnion(
  "mode",
  [
    z.object({
      mode: z.literal("every_n_minutes"),
      minutes: z.coerce
        .number({ error: "Every N minutes must be a number." })
        .int("Every N minutes must be a whole number.")
        .min(1, "Every N minutes must be at least 1.")
        .max(1440, "Every N minutes must be at most 1440 (one day).")
        .refine((n) => MINUTE_STEPS.includes(n) || (n % 60 === 0 && HOUR_STEPS.includes(n / 60)), {
          message: `Every N minutes must divide an hour (${MINUTE_STEPS.join(", ")}) or a day in whole hours (${HOUR_STEPS.map((h) => h * 60).join(", ")}); use a cron expression for other intervals.`,
        }),
      timeZone,
    }),
    z.object({
      mode: z.literal("cron"),
      expression: z
        .string({ error: "Cron expression is required." })
        .trim()
        .min(1, "Cron expression is required.")
        .superRefine((expression, ctx) => {
          if (cron.validate(expression)) return;
          const problem = cron.validateDetailed(expression).errors[0]?.message;
          ctx.addIssue({ code: "custom", message: `The cron expression is not valid${problem ? `: ${problem}` : ""}. Example: 0 9 * * 1-5 (9:00 on weekdays).` });
        }),
      timeZone,
    }),
  ],
  { error: "Choose Every N minutes or Cron expression." },
);

export type ScheduleOptions = z.infer<typeof scheduleOptionsSchema>;

/** The cron expression and time zone node-cron is given for these (already validated) options. */
export function cronExpressionOf(options: ScheduleOptions): { expression: string; timeZone: string } {
  if (options.mode === "cron") return { expression: options.expression, timeZone: options.timeZone };
  const n = options.minutes;
  if (n < 60) return { expression: n === 1 ? "* * * * *" : `*/${n} * * * *`, timeZone: options.timeZone };
  const hours = n / 60;
  return { expression: hours === 24 ? "0 0 * * *" : hours === 1 ? "0 * * * *" : `0 */${hours} * * *`, timeZone: options.timeZone };
}

export const scheduleTrigger = defineTrigger<ScheduleOptions>({
  key: "schedule",
  name: "Schedule",
  description: "Starts a run every N minutes, or when a cron expression matches in a time zone.",
  type: "schedule",
  props: [
    { key: "mode", label: "Repeat", type: "select", required: true, options: [{ value: "every_n_minutes", label: "Every N minutes" }, { value: "cron", label: "Cron expression" }] },
    { key: "minutes", label: "Every N minutes", type: "number", showWhen: { field: "mode", equals: ["every_n_minutes"] } },
    { key: "expression", label: "Cron expression", type: "text", placeholder: "0 9 * * 1-5", showWhen: { field: "mode", equals: ["cron"] } },
    { key: "timeZone", label: "Time zone", type: "text", placeholder: "UTC" },
  ],
  options: scheduleOptionsSchema,
  sampleOutput: (options) => ({ scheduledAt: "2025-01-01T09:00:00.000Z", timeZone: options.timeZone }),
});

export const schedule = defineConnector({
  key: "schedule",
  name: "Schedule",
  description: "Run an integration on a timetable.",
  icon: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 5h-2v6l5 3 1-1.7-4-2.3z",
  auth: { kind: "none" },
  triggers: [scheduleTrigger],
  actions: [],
});
