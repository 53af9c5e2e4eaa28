// "New items at a URL (polling)": GETs a JSON array (the answer itself, or an array inside it)
// every N minutes and starts one run per element whose key field was not seen before. The cursor
// is the list of keys seen, most recent last; the first poll only records what is there, so
// turning the integration on does not flood it with runs for old items.
import { z } from "zod";
import { ConnectorError, defineTrigger, oauthAccessOf, type JsonValue } from "@/lib/connectors/framework";
import { applyHttpAuth, httpUrl, NO_AUTH, type HttpCredentials } from "@/lib/connectors/http/auth";
import { errorFromResponse } from "@/lib/connectors/outbound";

/** Keys remembered beyond those of the latest answer, so an item that drops out and back is not new. */
export const MAX_SEEN_KEYS = 5000;
/** New items taken per poll; the rest stay unseen and come with the next poll. */
export const MAX_ITEMS_PER_POLL = 1000;
const PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const FORBIDDEN_PARTS = new Set(["__proto__", "prototype", "constructor"]);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const pollOptionsSchema = z.object({
  url: httpUrl("URL"),
  itemsPath: optional(
    z
      .string()
      .trim()
      .max(200, "Array path must be at most 200 characters.")
      .refine((path) => PATH.test(path) && !path.split(".").some((part) => FORBIDDEN_PARTS.has(part)), { message: "Array path is names and indexes separated by dots, e.g. data.items." }),
  ),
  keyField: optional(z.string().trim().min(1).max(100, "Key field must be at most 100 characters.")).transform((key) => key ?? "id"),
  intervalMinutes: optional(
    z.coerce.number({ error: "Poll every N minutes must be a number." }).int("Poll every N minutes must be a whole number.").min(1, "Poll every N minutes must be at least 1.").max(1440, "Poll every N minutes must be at most 1440 (one day)."),
  ).transform((minutes) => minutes ?? 5),
});

export type PollOptions = z.infer<typeof pollOptionsSchema>;

function at(value: JsonValue, path: string | undefined): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const part of path ? path.split(".") : []) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, JsonValue>)[part];
  }
  return current;
}

function keyOf(element: JsonValue, field: string): string | null {
  const key = element !== null && typeof element === "object" && !Array.isArray(element) ? at(element, field) : undefined;
  return typeof key === "string" || typeof key === "number" ? String(key) : null;
}

function seenOf(cursor: string | null): string[] | null {
  if (cursor === null) return null;
  const parsed = JSON.parse(cursor) as { seen?: unknown };
  return Array.isArray(parsed.seen) ? parsed.seen.map(String) : [];
}

/** The elements of `list` not in the cursor, and the cursor to keep; a first poll returns none. */
export function newItems(list: JsonValue[], keyField: string, cursor: string | null): { fresh: { key: string; item: JsonValue }[]; cursor: string } {
  const seen = seenOf(cursor);
  const known = new Set(seen ?? []);
  const current: { key: string; item: JsonValue }[] = [];
  const inAnswer = new Set<string>();
  for (const item of list) {
    const key = keyOf(item, keyField);
    if (key === null || inAnswer.has(key)) continue;
    inAnswer.add(key);
    current.push({ key, item });
  }
  const fresh = seen === null ? [] : current.filter((c) => !known.has(c.key)).slice(0, MAX_ITEMS_PER_POLL);
  const freshKeys = new Set(fresh.map((c) => c.key));
  // Everything in this answer counts as seen, except new items left for the next poll.
  const keep = current.filter((c) => known.has(c.key) || freshKeys.has(c.key) || seen === null).map((c) => c.key);
  const keepSet = new Set(keep);
  const older = (seen ?? []).filter((key) => !keepSet.has(key));
  const room = Math.max(0, MAX_SEEN_KEYS - keep.length);
  return { fresh, cursor: JSON.stringify({ seen: [...older.slice(Math.max(0, older.length - room)), ...keep] }) };
}

export const pollNewItems = defineTrigger<PollOptions, HttpCredentials>({
  key: "poll_new_items",
  name: "New items at a URL (polling)",
  description:
    "Every N minutes, GETs a URL that answers a JSON array (or has one at the Array path) and starts one run per element whose key field was not seen before. The first poll only records the items already there: they start no run.",
  type: "polling",
  props: [
    { key: "url", label: "URL", type: "url", required: true, placeholder: "https://api.example.com/orders" },
    { key: "itemsPath", label: "Array path", type: "text", placeholder: "data.items", hint: "Where the array is in the JSON answer; empty: the answer itself is the array." },
    { key: "keyField", label: "Key field", type: "text", placeholder: "id", hint: "The field that identifies an element (default id); elements without it are skipped." },
    { key: "intervalMinutes", label: "Poll every N minutes", type: "number", placeholder: "5" },
  ],
  options: pollOptionsSchema,
  sampleOutput: () => ({ item: { id: 42, title: "A new order" }, key: "42", polledAt: "2025-01-01T09:00:00.000Z" }),
  pollIntervalMinutes: (options) => options.intervalMinutes,
  async poll(ctx) {
    const credentials = ctx.credentials ?? NO_AUTH;
    const url = new URL(ctx.options.url);
    const headers = new Headers({ Accept: "application/json" });
    if (credentials.authType !== "oauth2") applyHttpAuth(credentials, url, headers);
    const send = credentials.authType === "oauth2" ? oauthAccessOf(ctx).fetch : ctx.fetch;
    const response = await send(url, { headers });
    if (!response.ok) throw await errorFromResponse(response, `GET ${url.host}`);
    let body: JsonValue;
    try {
      body = (await response.json()) as JsonValue;
    } catch {
      throw new ConnectorError(`${url.host} did not answer JSON.`);
    }
    const list = at(body, ctx.options.itemsPath);
    if (!Array.isArray(list)) {
      throw new ConnectorError(ctx.options.itemsPath ? `The answer of ${url.host} has no array at "${ctx.options.itemsPath}".` : `The answer of ${url.host} is not a JSON array: set the Array path to where the array is.`);
    }
    const { fresh, cursor } = newItems(list, ctx.options.keyField, ctx.cursor);
    const polledAt = new Date().toISOString();
    return { items: fresh.map(({ key, item }) => ({ item, key, polledAt })), cursor };
  },
});
