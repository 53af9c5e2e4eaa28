// Turns anything a route throws into the API's one error shape: `{"error":{"code","message"}}`,
// plus `fields` for validation errors. Unknown errors are logged here and answered generically, so
// no stack trace or internal detail ever reaches a client.
import { AppError, STATUS_BY_CODE, type ErrorCode } from "@/lib/errors";
import { routeMatcher } from "@/lib/observability/route-patterns";

// The route pattern, not the path, goes to the log: a path can hold a secret (a webhook token).
let routeOf: ((url: string) => string) | undefined;

/** An AppError that also sets response headers (e.g. `Retry-After` on a 429). */
export class HttpError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
    this.name = "HttpError";
  }
}

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export function errorResponse(error: unknown, request?: Request): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fieldErrors && Object.keys(error.fieldErrors).length > 0) body.error.fields = error.fieldErrors;
    const headers = error instanceof HttpError ? error.headers : undefined;
    return Response.json(body, { status: STATUS_BY_CODE[error.code], headers });
  }
  routeOf ??= routeMatcher();
  console.error(`Unexpected error in ${request ? `${request.method} ${routeOf(request.url)}` : "an API route"}`, error);
  const body: ErrorBody = { error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } };
  return Response.json(body, { status: 500 });
}
