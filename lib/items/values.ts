// Item values checked against a board's typed fields. The same schema serves the REST API (JSON
// values) and the item forms (strings, converted by `valuesFromForm`).
import { z } from "zod";
import type { BoardField, ItemValues } from "@/db/schema";
import { ValidationError } from "@/lib/errors";

const MAX_TEXT = 10_000;

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function valueSchema(field: BoardField): z.ZodType<string | number | boolean> {
  const name = field.label;
  switch (field.type) {
    case "text":
      return z.string({ error: `${name} must be text.` }).max(MAX_TEXT, `${name} must be at most ${MAX_TEXT} characters.`);
    case "number":
      return z
        .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/).transform(Number)], {
          error: `${name} must be a number.`,
        })
        .refine(Number.isFinite, `${name} must be a finite number.`);
    case "date":
      return z.string({ error: `${name} must be a date (YYYY-MM-DD).` }).refine(isCalendarDate, `${name} must be a date (YYYY-MM-DD).`);
    case "select":
      return z.enum((field.options ?? []) as [string, ...string[]], {
        error: `${name} must be one of: ${(field.options ?? []).join(", ")}.`,
      });
    case "email":
      return z.email(`${name} must be an email address.`);
    case "checkbox":
      return z.boolean({ error: `${name} must be true or false.` });
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * Validates `input` (an object keyed by field key). With `partial`, missing fields are left out
 * (for updates); otherwise required fields must be present. Throws a ValidationError whose
 * fieldErrors are keyed by field key.
 */
export function parseItemValues(fields: BoardField[], input: unknown, { partial = false } = {}): ItemValues {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ValidationError("Item values must be an object of field keys to values.");
  }
  const source = input as Record<string, unknown>;
  // A Map: assigning to a plain object's "__proto__" key (valid in JSON) would be silently lost.
  const errors = new Map<string, string>();
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(source)) {
    if (!known.has(key)) errors.set(key, `The board has no field "${key}".`);
  }
  const values: ItemValues = {};
  for (const field of fields) {
    // Own keys only: a field keyed `constructor` must not read Object.prototype.constructor.
    const present = Object.hasOwn(source, field.key);
    if (!present && partial) continue;
    const raw = present ? source[field.key] : undefined;
    if (isEmpty(raw) && field.type !== "checkbox") {
      if (field.required) errors.set(field.key, `${field.label} is required.`);
      else values[field.key] = null;
      continue;
    }
    if ((raw === undefined || raw === null) && field.type === "checkbox") {
      values[field.key] = false;
      continue;
    }
    const parsed = valueSchema(field).safeParse(typeof raw === "string" && field.type !== "text" ? raw.trim() : raw);
    if (parsed.success) values[field.key] = parsed.data;
    else errors.set(field.key, parsed.error.issues[0]?.message ?? `${field.label} is not valid.`);
  }
  if (errors.size > 0) {
    throw new ValidationError([...errors.values()].join(" "), Object.fromEntries(errors));
  }
  return values;
}

/** Form inputs are named `field:<key>`; checkboxes are absent when unticked. */
export function valuesFromForm(fields: BoardField[], formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = formData.get(`field:${field.key}`);
    out[field.key] = field.type === "checkbox" ? raw !== null : typeof raw === "string" ? raw : null;
  }
  return out;
}
