// What the bad-input suite asks of every refusal (a message a person can read, naming the field
// at fault), and the random inputs it is built from.
import fc from "fast-check";
import { expect } from "vitest";

/**
 * Text a person can act on: not empty, not the generic 500 answer, not a stack trace, not issues
 * serialized as JSON, and not one of zod's default messages (they never say which field).
 */
export function expectReadable(message: unknown): void {
  expect(message).toEqual(expect.any(String));
  const text = message as string;
  expect(text.trim(), "an empty message").not.toBe("");
  expect(text).not.toMatch(/internal server error|something went wrong/i);
  expect(text).not.toMatch(/^\s*(\[\s*\{|\{\s*")/);
  expect(text).not.toMatch(/"code"\s*:/);
  expect(text).not.toMatch(/\n\s+at \S/);
  expect(text).not.toMatch(/^(Invalid input|Invalid option|Too big|Too small|Unrecognized key|Invalid string)/);
}

/**
 * Every per-field message of a refusal is readable and names its field in words: `labelOf`
 * gives the words a person knows the field by (its label), or null for keys it does not expect.
 */
export function expectFieldMessagesNamed(fieldErrors: Record<string, string> | undefined, labelOf: (key: string) => string | null): void {
  for (const [key, message] of Object.entries(fieldErrors ?? {})) {
    const label = labelOf(key);
    expect(label, `an error under the unexpected key "${key}": ${message}`).not.toBeNull();
    expectReadable(message);
    expect(message.toLowerCase(), `the message of "${key}"`).toContain(label!.toLowerCase());
  }
}

/** Text that upsets parsers: quotes, braces, operators, control and bidi characters, lone surrogates. */
const NASTY_TEXT = [
  "", " ", "\u0000", "\t\n", '"', "'", "\\", "(", ")", "AND(", "NEAR", "*", "%", "%00", "../", "<script>", "null", "__proto__",
  "{{", "}}", "{{ }}", "{{trigger.__proto__}}", "\u202e", "\ud800", "🙂",
];

/** Text of `min` to `max` characters (code points, as length limits count them) repeating a random unit. */
export const textOfLength = (min: number, max: number) =>
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 6, unit: "grapheme" }), fc.integer({ min, max }))
    .map(([unit, length]) => [...unit.repeat(Math.ceil(length / [...unit].length))].slice(0, length).join(""));

/** Any text a person (or an attacker) could type, some of it enormous. */
export const anyText = () =>
  fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.constantFrom(...NASTY_TEXT),
    fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.string()).map(([a, b]) => `${b}${a}${b}`),
    textOfLength(1_000, 120_000),
  );

/** A JSON value that is not text: what a wrongly typed form or client sends. */
export const nonTextJson = () =>
  fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );

/** Keys that mean something to JavaScript objects, mixed into random objects on purpose. */
export const OBJECT_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Text that is not JSON: random text, and JSON values cut short. */
export const malformedJson = () =>
  fc.oneof(
    fc.string().filter((text) => !parses(text)),
    fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)).filter((text) => !parses(text)),
  );

/** Bytes that are not UTF-8 text. */
export const notUtf8 = () => fc.uint8Array({ minLength: 1, maxLength: 64 }).filter((bytes) => !isUtf8(bytes));
