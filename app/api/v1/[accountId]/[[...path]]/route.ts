// Any other path under an Account ID: a JSON 404 an API client can read, not the HTML 404 page.
import { errorResponse } from "@/lib/api/error-response";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

function unknownEndpoint(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new AppError("not_found", `There is no endpoint ${request.method} ${pathname}.`));
}

export { unknownEndpoint as GET, unknownEndpoint as POST, unknownEndpoint as PUT, unknownEndpoint as PATCH, unknownEndpoint as DELETE };
