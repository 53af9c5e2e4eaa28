// Handlers for the methods a route does not serve. Next.js answers those with an empty 405
// without an Allow header; API clients get the API's error shape and the methods to use instead.
import { errorResponse, HttpError } from "@/lib/api/error-response";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** `export const { PUT, DELETE } = methodsNotAllowed("GET", "POST")`: a 405 naming the allowed methods. */
export function methodsNotAllowed(...allowed: Method[]): Record<Method, (request: Request) => Response> {
  const allow = allowed.join(", ");
  const refuse = (request: Request) => {
    const { pathname } = new URL(request.url);
    const response = errorResponse(new HttpError("method_not_allowed", `${pathname} does not take ${request.method}; use ${allow}.`, { Allow: allow }));
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
  return Object.fromEntries(METHODS.map((method) => [method, refuse])) as Record<Method, (request: Request) => Response>;
}
