// Filter: continue only if a condition holds. The value to check arrives already resolved from
// its `{{…}}` mapping; `{ passed: false }` makes the engine end the run as Filtered.
import { z } from "zod";
import { ConnectorError, defineAction, type JsonValue } from "@/lib/connectors/framework";

export const FILTER_OPERATORS = ["equals", "not_equals", "contains", "greater", "less", "is_empty", "is_not_empty"] as const;
type Operator = (typeof FILTER_OPERATORS)[number];

const LABELS: Record<Operator, string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  greater: "is greater than",
  less: "is less than",
  is_empty: "is empty",
  is_not_empty: "is not empty",
};

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const input = z.object({
  field: z.union([scalar, z.array(z.any()), z.record(z.string(), z.any())]).optional(),
  operator: z.enum(FILTER_OPERATORS, { error: "Choose a condition." }),
  value: scalar.optional(),
});
type Input = z.infer<typeof input>;

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function asTime(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

const text = (value: unknown) => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** Numbers compare as numbers (3 equals "3.0"), everything else as trimmed text. */
function equal(a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null) return x === y;
  return text(a).trim() === text(b).trim();
}

/** Greater/less: numbers, else dates (ISO), else a message saying what was compared. */
function compare(a: unknown, b: unknown, operator: Operator): number {
  const x = asNumber(a) ?? asTime(a);
  const y = asNumber(b) ?? asTime(b);
  if (x === null || y === null) {
    throw new ConnectorError(`"${LABELS[operator]}" compares numbers or dates; got "${text(a)}" and "${text(b)}".`);
  }
  return x - y;
}

export function evaluateFilter({ field, operator, value }: Input): boolean {
  switch (operator) {
    case "equals":
      return equal(field, value);
    case "not_equals":
      return !equal(field, value);
    case "contains":
      // Case-insensitive, as people expect from a search box.
      return text(field).toLowerCase().includes(text(value).toLowerCase());
    case "greater":
      return compare(field, value, operator) > 0;
    case "less":
      return compare(field, value, operator) < 0;
    case "is_empty":
      return isEmpty(field);
    case "is_not_empty":
      return !isEmpty(field);
  }
}

export const filter = defineAction<Input>({
  key: "filter",
  name: "Filter",
  description: "Continues only if the condition holds; otherwise the run ends as Filtered.",
  props: [
    { key: "field", label: "Value to check", type: "text", required: true, mappable: true, placeholder: "{{trigger.values.status}}" },
    { key: "operator", label: "Condition", type: "select", required: true, options: FILTER_OPERATORS.map((op) => ({ value: op, label: LABELS[op] })) },
    { key: "value", label: "Compare with", type: "text", mappable: true, showWhen: { field: "operator", equals: ["equals", "not_equals", "contains", "greater", "less"] } },
  ],
  input,
  sampleOutput: { passed: true },
  run: async (ctx) => ({ passed: evaluateFilter(ctx.input) }) satisfies JsonValue,
});
