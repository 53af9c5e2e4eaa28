// The filters of Run history as they travel in a URL: the page's query string, the CSV export's and
// the REST API's (same names everywhere). Checked once here with messages a person understands.
import { z } from "zod";
import { RUN_STATUSES } from "@/db/schema";
import { parseOrThrow } from "@/lib/validation";

export const MAX_RUNS_PAGE = 100;
export const DEFAULT_RUNS_PAGE = 50;
export const MAX_SEARCH_LENGTH = 200;

const DAY_MS = 86_400_000;

/** Empty fields of the filter form mean "any". */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

const dateOrTime = (label: string) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `${label} must be a date such as 2025-01-31 (or an ISO 8601 time such as 2025-01-31T09:00:00Z).` });

const runId = (label: string) =>
  z.coerce.number({ error: `${label} is not a page this history gave.` }).int(`${label} is not a page this history gave.`).positive(`${label} is not a page this history gave.`);

const limitMessage = `limit must be a whole number from 1 to ${MAX_RUNS_PAGE}.`;

const runQuerySchema = z
  .object({
    appId: optional(z.string().max(100, "appId is not an app ID.")),
    integrationId: optional(z.string().max(100, "Integration is not an integration ID.")),
    status: optional(z.enum(RUN_STATUSES, { error: `Status must be one of ${RUN_STATUSES.join(", ")}.` })),
    from: optional(dateOrTime("From")),
    to: optional(dateOrTime("To")),
    q: optional(
      z
        .string()
        .trim()
        .max(MAX_SEARCH_LENGTH, `Search must be at most ${MAX_SEARCH_LENGTH} characters.`)
        .refine((text) => text === "" || /[\p{L}\p{N}]/u.test(text), "Search for words or numbers: at least one letter or digit.")
        .transform((text) => (text === "" ? undefined : text)),
    ),
    cursor: optional(runId("cursor")),
    after: optional(runId("after")),
    limit: optional(z.coerce.number({ error: limitMessage }).int(limitMessage).min(1, limitMessage).max(MAX_RUNS_PAGE, limitMessage)),
  })
  .refine((query) => query.cursor === undefined || query.after === undefined, { message: "Give either cursor or after, not both.", path: ["after"] })
  .refine((query) => query.from === undefined || query.to === undefined || startOf(query.from) < endOf(query.to), { message: "From must be on or before To.", path: ["to"] });

export type RunQuery = z.output<typeof runQuerySchema>;

/** The first value of each parameter, from a URL, a page's `searchParams` or a form. */
export function firstValues(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? undefined]));
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

/** Parses a query string's filters; a wrong one is a ValidationError naming it. */
export function parseRunQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): RunQuery {
  return parseOrThrow(runQuerySchema, firstValues(params));
}

/** The first millisecond a `from` covers: the start of its UTC day, or the instant given. */
export function startOf(from: string): number {
  return Date.parse(from.length === 10 ? `${from}T00:00:00Z` : from);
}

/** The millisecond after the last one a `to` covers: its whole UTC day, or up to the instant given. */
export function endOf(to: string): number {
  return to.length === 10 ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : Date.parse(to) + 1;
}

const FILTER_KEYS = ["integrationId", "status", "from", "to", "q"] as const;

/** The query string of the filters, with a page's cursor: links to pages and exports keep the filters. */
export function runQueryString(query: Partial<RunQuery>, page: { cursor?: number; after?: number } = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined) params.set(key, value);
  }
  if (page.cursor !== undefined) params.set("cursor", String(page.cursor));
  if (page.after !== undefined) params.set("after", String(page.after));
  const text = params.toString();
  return text ? `?${text}` : "";
}
