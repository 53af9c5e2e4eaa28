// The one wrapper every server action goes through: it finds the signed-in user, parses the form
// with zod, runs the service, and turns domain errors into `{ error, fieldErrors }` for the form.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { AppError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation";

export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed, echoed back so a refused form loses nothing (never passwords). */
  values?: Record<string, string>;
  /** Data a form shows once on success, e.g. a new access key's secret. */
  data?: Record<string, string>;
};

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !/password|secret/i.test(key)) values[key] = value;
  }
  return values;
}

export function toActionError(error: unknown, formData?: FormData): ActionState {
  unstable_rethrow(error);
  const values = formData ? echoValues(formData) : undefined;
  // A validation summary names fields by their keys ("label: Field name is required."): right for
  // the REST API, not for a form, which shows each message next to its field.
  if (error instanceof ValidationError && error.fieldErrors && Object.keys(error.fieldErrors).some((key) => key !== "_form")) {
    return { error: "Check the highlighted fields.", fieldErrors: error.fieldErrors, values };
  }
  if (error instanceof AppError) return { error: error.message, fieldErrors: error.fieldErrors, values };
  console.error("Unexpected error in a server action", error);
  return { error: "Something went wrong on our side. Nothing was saved; please try again.", values };
}

type Handler<S extends z.ZodType> = (
  data: z.output<S>,
  user: SessionUser,
  formData: FormData,
) => Promise<ActionState | void> | ActionState | void;

/** `useActionState`-compatible action: `(previousState, formData) => state`. */
export function userAction<S extends z.ZodType>(schema: S, handler: Handler<S>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await currentUser();
    if (!user) return { error: "Your session has ended. Sign in again." };
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(formData) };
    }
    try {
      return (await handler(parsed.data, user, formData)) ?? { ok: true };
    } catch (error) {
      return toActionError(error, formData);
    }
  };
}
