// Formatter: one transformation of a text, a number or a date. Dates are read and written in a
// chosen time zone, so "add 1 day" keeps the wall-clock time across a daylight-saving change.
import { z } from "zod";
import { ConnectorError, defineAction, type PropField } from "@/lib/connectors/framework";
import { timeZoneSchema } from "@/lib/connectors/time-zones";

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional().transform((v) => (v === null || v === undefined ? "" : String(v)));
const decimals = z.coerce.number().int("Decimals must be a whole number.").min(0, "Decimals must be 0 to 10.").max(10, "Decimals must be 0 to 10.").default(0);

const input = z.discriminatedUnion(
  "operation",
  [
    z.object({ operation: z.literal("text_upper"), value }),
    z.object({ operation: z.literal("text_lower"), value }),
    z.object({ operation: z.literal("text_trim"), value }),
    z.object({ operation: z.literal("text_replace"), value, find: z.string().min(1, "Find is required."), replaceWith: z.string().default("") }),
    z.object({ operation: z.literal("number_round"), value, decimals }),
    z.object({ operation: z.literal("number_format"), value, decimals, locale: z.string().trim().default("en-US") }),
    z.object({ operation: z.literal("date_format"), value, format: z.string().trim().min(1).default("YYYY-MM-DD HH:mm"), timeZone: timeZoneSchema }),
    z.object({ operation: z.literal("date_add_days"), value, days: z.coerce.number().int("Days must be a whole number.").min(-36500).max(36500), timeZone: timeZoneSchema }),
  ],
  { error: "Choose a transformation." },
);
type Input = z.infer<typeof input>;

function toNumber(text: string): number {
  const number = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(number)) throw new ConnectorError(`"${text}" is not a number.`);
  return number;
}

function toDate(text: string): Date {
  const date = /^\d+$/.test(text.trim()) ? new Date(Number(text)) : new Date(text);
  if (text.trim() === "" || Number.isNaN(date.getTime())) throw new ConnectorError(`"${text}" is not a date (use ISO 8601, e.g. 2025-01-31T09:00:00Z).`);
  return date;
}

type Parts = { YYYY: number; MM: number; DD: number; HH: number; mm: number; ss: number };

/** The wall-clock fields of `date` in `timeZone`. */
function zonedParts(date: Date, timeZone: string): Parts {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { YYYY: get("year"), MM: get("month"), DD: get("day"), HH: get("hour"), mm: get("minute"), ss: get("second") };
}

const wallTime = (p: Parts) => Date.UTC(p.YYYY, p.MM - 1, p.DD, p.HH, p.mm, p.ss);
const offsetAt = (time: number, timeZone: string) => wallTime(zonedParts(new Date(time), timeZone)) - Math.floor(time / 1000) * 1000;

/** The same wall-clock time `days` later in `timeZone` (the offset may differ after a DST change). */
export function addDays(date: Date, days: number, timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  const target = wallTime({ ...p, DD: p.DD + days }) + date.getUTCMilliseconds();
  // Guess with today's offset, then correct with the offset at the guess.
  const guess = target - offsetAt(date.getTime(), timeZone);
  return new Date(target - offsetAt(guess, timeZone));
}

/** Tokens YYYY MM DD HH mm ss; anything else is kept as written. */
export function formatDate(date: Date, format: string, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => String(p[token as keyof Parts]).padStart(token === "YYYY" ? 4 : 2, "0"));
}

export function formatValue(i: Input): string | number {
  switch (i.operation) {
    case "text_upper":
      return i.value.toUpperCase();
    case "text_lower":
      return i.value.toLowerCase();
    case "text_trim":
      return i.value.trim();
    case "text_replace":
      return i.value.split(i.find).join(i.replaceWith);
    case "number_round": {
      const factor = 10 ** i.decimals;
      // EPSILON so 1.005 rounds to 1.01 as people expect, not 1.00 as binary floats would.
      return Math.round((toNumber(i.value) + Number.EPSILON) * factor) / factor;
    }
    case "number_format":
      try {
        return new Intl.NumberFormat(i.locale, { minimumFractionDigits: i.decimals, maximumFractionDigits: i.decimals }).format(toNumber(i.value));
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        throw new ConnectorError(`"${i.locale}" is not a locale (use e.g. en-US or de-DE).`);
      }
    case "date_format":
      return formatDate(toDate(i.value), i.format, i.timeZone);
    case "date_add_days":
      return addDays(toDate(i.value), i.days, i.timeZone).toISOString();
  }
}

const OPERATIONS: [Input["operation"], string][] = [
  ["text_upper", "Text: upper case"], ["text_lower", "Text: lower case"], ["text_trim", "Text: trim spaces"], ["text_replace", "Text: replace"],
  ["number_round", "Number: round"], ["number_format", "Number: format"], ["date_format", "Date: format"], ["date_add_days", "Date: add days"],
];
const when = (...ops: Input["operation"][]) => ({ field: "operation", equals: ops });
const props: PropField[] = [
  { key: "operation", label: "Transform", type: "select", required: true, options: OPERATIONS.map(([value, label]) => ({ value, label })) },
  { key: "value", label: "Value", type: "text", required: true, mappable: true },
  { key: "find", label: "Find", type: "text", showWhen: when("text_replace") },
  { key: "replaceWith", label: "Replace with", type: "text", showWhen: when("text_replace") },
  { key: "decimals", label: "Decimals", type: "number", showWhen: when("number_round", "number_format") },
  { key: "locale", label: "Locale", type: "text", placeholder: "en-US", showWhen: when("number_format") },
  { key: "format", label: "Format", type: "text", placeholder: "YYYY-MM-DD HH:mm", showWhen: when("date_format") },
  { key: "days", label: "Days", type: "number", showWhen: when("date_add_days") },
  { key: "timeZone", label: "Time zone", type: "text", placeholder: "UTC", showWhen: when("date_format", "date_add_days") },
];

export const formatter = defineAction<Input>({
  key: "formatter",
  name: "Formatter",
  description: "Transforms a text, a number or a date.",
  props,
  input,
  sampleOutput: { result: "ADA LOVELACE" },
  run: async (ctx) => ({ result: formatValue(ctx.input) }),
});
