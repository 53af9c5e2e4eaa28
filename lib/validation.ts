// Shared zod pieces and the conversion of zod issues into per-field messages.
import { z } from "zod";
import { ValidationError } from "@/lib/errors";

export const nameSchema = (what: string, max = 100) =>
  z
    .string({ error: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} must be at most ${max} characters.`)
    // A lone surrogate would be stored as U+FFFD: a name different from the one entered.
    .refine((text) => text.isWellFormed(), `${what} contains a broken character (half of an emoji or symbol): type it again.`);

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .pipe(z.email("Enter a valid email address."));

export const passwordSchema = z
  .string({ error: "Password is required." })
  .min(8, "Password must be at least 8 characters.")
  .max(200, "Password must be at most 200 characters.");

const HOST = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";

/** A host name, e.g. `smtp.example.com` or `localhost` (lower case). */
export const HOST_NAME = new RegExp(`^${HOST}$`);

/** A host name with an optional port, e.g. `acme.example.com` or `localhost:3000` (lower case). */
export const HOST_WITH_PORT = new RegExp(`^${HOST}(:\\d{1,5})?$`);

/** Text sent in an HTTP header as is (keys, tokens): printable ASCII, which every header can carry. */
export const HEADER_TEXT = /^[\x20-\x7e]+$/;

export const headerTextMessage = (label: string) => `${label} may contain only letters, digits, spaces and punctuation (it is sent in a request header).`;

/** Maps zod issues to `{ field: message }`, first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** Parses or throws a ValidationError naming each wrong field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  // Each message names its field by label ("Email is required."), so they read well joined.
  const summary = Object.values(fieldErrors).join(" ");
  throw new ValidationError(summary || "The input is not valid.", fieldErrors);
}
