// Mapping templates: `{{trigger.values.amount}}`, `{{steps.create_item.id}}`,
// `{{steps.find.items.0.id}}`, with a few named formatters after a pipe
// (`{{trigger.values.name | upper}}`, `lower`, `trim`, `json`, `default:"none"`).
// They are PATH LOOK-UPS ONLY: the text between the braces is parsed by the small grammar below
// and never evaluated, and a look-up only follows own properties of plain JSON data, so no
// template can reach a prototype, a function or anything outside the run's data.
import type { JsonValue } from "@/lib/connectors/framework";
import { AppError } from "@/lib/errors";

/** The data templates read: the trigger's item and the outputs of the steps run so far. */
export type TemplateData = { trigger: JsonValue; steps: Record<string, JsonValue> };

export const FORMATTERS = ["upper", "lower", "trim", "json", "default"] as const;
export type FormatterName = (typeof FORMATTERS)[number];
export type Formatter = { name: FormatterName; arg?: string };

export type Reference = {
  /** `["steps", "create_item", "id"]`; the first segment is `trigger` or `steps`. */
  path: string[];
  formatters: Formatter[];
  /** The reference as written, braces included. */
  raw: string;
};

type Part = { kind: "text"; text: string } | { kind: "ref"; ref: Reference };

/** Deeper paths are refused: real data is never that deep, and it bounds the work per look-up. */
export const MAX_PATH_DEPTH = 32;
export const MAX_REFERENCES = 500;
const ROOTS = new Set(["trigger", "steps"]);
const SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;
/** Names that mean something to JavaScript objects, never to the data. */
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/** A template that cannot be read; the message says where and why, for the field's error. */
export class TemplateError extends AppError {
  constructor(message: string) {
    super("validation_failed", message);
    this.name = "TemplateError";
  }
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

function parsePath(text: string, raw: string): string[] {
  if (text === "") throw new TemplateError(`${shorten(raw)} is empty: write a path such as {{trigger.id}}.`);
  const path = text.split(".");
  if (path.length > MAX_PATH_DEPTH) throw new TemplateError(`${shorten(raw)} is too deep (at most ${MAX_PATH_DEPTH} parts).`);
  for (const segment of path) {
    if (!SEGMENT.test(segment)) {
      throw new TemplateError(`${shorten(raw)} is not a path: use names, digits, _ and - separated by dots, e.g. {{steps.find.items.0.id}}.`);
    }
    if (FORBIDDEN.has(segment) || segment.startsWith("__")) throw new TemplateError(`${shorten(raw)}: "${segment}" is not allowed in a path.`);
  }
  if (!ROOTS.has(path[0])) throw new TemplateError(`${shorten(raw)} must start with trigger or steps, e.g. {{trigger.id}} or {{steps.create_item.id}}.`);
  if (path[0] === "steps" && path.length < 2) throw new TemplateError(`${shorten(raw)} must name a step, e.g. {{steps.create_item.id}}.`);
  return path;
}

function parseFormatter(text: string, raw: string): Formatter {
  const match = /^([a-z]+)\s*(?::\s*"((?:[^"\\]|\\.)*)")?$/.exec(text);
  const name = match?.[1] as FormatterName | undefined;
  if (!match || !name || !(FORMATTERS as readonly string[]).includes(name)) {
    throw new TemplateError(`${shorten(raw)}: "${shorten(text)}" is not a formatter (use ${FORMATTERS.slice(0, 4).join(", ")} or default:"text").`);
  }
  if (name === "default") {
    if (match[2] === undefined) throw new TemplateError(`${shorten(raw)}: default needs a text in double quotes, e.g. default:"none".`);
    return { name, arg: match[2].replace(/\\(.)/g, "$1") };
  }
  if (match[2] !== undefined) throw new TemplateError(`${shorten(raw)}: ${name} takes no argument.`);
  return { name };
}

/** Splits the inside of `{{ … }}` on pipes that are not inside a quoted argument. */
function splitPipes(inner: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quoted && c === "\\") {
      current += c + (inner[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "|" && !quoted) {
      parts.push(current.trim());
      current = "";
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

function parseReference(inner: string, raw: string): Reference {
  const [pathText, ...formatterTexts] = splitPipes(inner);
  return { path: parsePath(pathText, raw), formatters: formatterTexts.map((text) => parseFormatter(text, raw)), raw };
}

/** Finds the `}}` closing the reference opened at `from`, skipping quoted arguments. */
function closingBraces(template: string, from: number): number {
  let quoted = false;
  for (let i = from; i < template.length; i++) {
    const c = template[i];
    if (quoted && c === "\\") {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "}" && template[i + 1] === "}") return i;
    else if (!quoted && c === "{" && template[i + 1] === "{") return -1;
  }
  return -1;
}

/** Text and references, in order. Throws a TemplateError naming the first problem. */
export function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let position = 0;
  let count = 0;
  while (position < template.length) {
    const open = template.indexOf("{{", position);
    if (open < 0) break;
    if (open > position) parts.push({ kind: "text", text: template.slice(position, open) });
    const close = closingBraces(template, open + 2);
    if (close < 0) {
      throw new TemplateError(`The reference starting at character ${open + 1} ("${shorten(template.slice(open, open + 30))}") is not closed: end it with }}.`);
    }
    if (++count > MAX_REFERENCES) throw new TemplateError(`A value may hold at most ${MAX_REFERENCES} references.`);
    const raw = template.slice(open, close + 2);
    parts.push({ kind: "ref", ref: parseReference(template.slice(open + 2, close).trim(), raw) });
    position = close + 2;
  }
  if (position < template.length) parts.push({ kind: "text", text: template.slice(position) });
  return parts;
}

/** Every reference of a template (for validation and the editor). Throws a TemplateError. */
export function listReferences(template: string): Reference[] {
  return parseTemplate(template).flatMap((part) => (part.kind === "ref" ? [part.ref] : []));
}

export function hasReferences(value: unknown): value is string {
  return typeof value === "string" && value.includes("{{");
}

function isPlainObject(value: unknown): value is Record<string, JsonValue> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Follows `path` through arrays (numeric segments) and own properties of plain objects only. */
export function lookUp(data: unknown, path: readonly string[]): JsonValue | undefined {
  let current: unknown = data;
  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isPlainObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current as JsonValue | undefined;
}

/** How a value reads inside text: objects as JSON, nothing as an empty string. */
export function asText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function applyFormatters(value: JsonValue | undefined, formatters: Formatter[]): JsonValue | undefined {
  let current = value;
  for (const formatter of formatters) {
    switch (formatter.name) {
      case "upper":
        current = asText(current).toUpperCase();
        break;
      case "lower":
        current = asText(current).toLowerCase();
        break;
      case "trim":
        current = asText(current).trim();
        break;
      case "json":
        current = JSON.stringify(current ?? null);
        break;
      case "default":
        if (current === undefined || current === null || current === "") current = formatter.arg ?? "";
        break;
    }
  }
  return current;
}

function resolveReference(ref: Reference, data: TemplateData): JsonValue | undefined {
  return applyFormatters(lookUp(data, ref.path), ref.formatters);
}

/**
 * A value that is exactly one reference keeps its JSON type (a number stays a number, an object
 * an object; nothing found is null); text mixed with references is text.
 */
export function resolveTemplate(template: string, data: TemplateData): JsonValue {
  const parts = parseTemplate(template);
  const refs = parts.filter((part) => part.kind === "ref");
  const onlyBlankText = parts.every((part) => part.kind === "ref" || part.text.trim() === "");
  if (refs.length === 1 && onlyBlankText) return resolveReference(refs[0].ref, data) ?? null;
  return parts.map((part) => (part.kind === "text" ? part.text : asText(resolveReference(part.ref, data)))).join("");
}

function resolveJsonTree(value: JsonValue, data: TemplateData): JsonValue {
  if (typeof value === "string") return hasReferences(value) ? resolveTemplate(value, data) : value;
  if (Array.isArray(value)) return value.map((entry) => resolveJsonTree(entry, data));
  // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolveJsonTree(entry, data)]));
  return value;
}

/**
 * The JSON text of a `json` input, e.g. `{"name": "{{trigger.values.name}}"}`: parsed first,
 * then every string in it resolved, so a value can never break out of its string (references
 * go inside quotes; `"{{trigger.values.amount}}"` alone keeps its number). Empty text is nothing.
 */
export function parseJsonTemplate(text: string): JsonValue | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const parts = parseTemplate(trimmed);
  if (parts.length === 1 && parts[0].kind === "ref") return trimmed;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch (error) {
    throw new TemplateError(`This is not valid JSON (${(error as Error).message.replace(/^JSON\.parse: /, "")}). Put references inside quotes: {"name": "{{trigger.values.name}}"}.`);
  }
}

export function resolveJsonTemplate(text: string, data: TemplateData): JsonValue | undefined {
  const parsed = parseJsonTemplate(text);
  return parsed === undefined ? undefined : resolveJsonTree(parsed, data);
}

/** Whether JSON text that ends here is inside a string literal (it opened more quotes than it closed). */
function endsInsideJsonString(text: string): boolean {
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    if (inside && text[i] === "\\") i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/**
 * What "Insert data" puts at the cursor. In a JSON input, outside a string, the reference goes in
 * quotes (`"{{trigger.values.name}}"`): the JSON stays valid, and `parseJsonTemplate` resolves a
 * string that is exactly one reference to the value with its own type (a number stays a number).
 * Inside a JSON string, and in text inputs, it goes in bare and reads as text.
 */
export function referenceToInsert(reference: string, input: { json: boolean; textBefore: string }): string {
  const token = `{{${reference}}}`;
  return input.json && !endsInsideJsonString(input.textBefore) ? `"${token}"` : token;
}

export type InputValue = string | number | boolean | null;

/**
 * Resolves a step's input against the run's data. Keys in `jsonKeys` hold JSON text (see
 * `resolveJsonTemplate`); empty text is left out, so an action's defaults and optional fields apply.
 */
export function resolveInput(input: Record<string, InputValue>, data: TemplateData, options: { jsonKeys?: Iterable<string> } = {}): Record<string, JsonValue> {
  const jsonKeys = new Set(options.jsonKeys ?? []);
  const entries: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== "string") {
      entries.push([key, value]);
      continue;
    }
    if (value.trim() === "") continue;
    const resolved = jsonKeys.has(key) ? resolveJsonTemplate(value, data) : resolveTemplate(value, data);
    if (resolved !== undefined) entries.push([key, resolved]);
  }
  return Object.fromEntries(entries);
}
