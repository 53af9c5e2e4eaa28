// The one wrapper every REST API route goes through: it authenticates the access key against the
// Account ID in the URL, applies the key's rate limit, runs the handler and turns whatever it
// throws into the API's error shape. Routes stay a few lines and cannot forget a check.
import type { Environment, User } from "@/db/schema";
import { authenticateRequest } from "@/lib/api/authenticate";
import { errorResponse } from "@/lib/api/error-response";
import { takeToken } from "@/lib/api/rate-limit";
import type { Actor } from "@/lib/auth/actor";

type AccountParams = { accountId: string };

export type ApiContext<P> = {
  request: Request;
  params: P & AccountParams;
  /** The key's user, acting as `key:<accessKeyId>` in change logs. */
  actor: Actor;
  /** The environment of the URL's Account ID, which is also the key's. */
  environment: Environment;
  user: User;
};

type Handler<P> = (context: ApiContext<P>) => Promise<Response> | Response;

// `P` names the route's own dynamic segments; Next 16 passes them as a Promise.
export function apiRoute<P extends Record<string, string> = Record<never, string>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P & AccountParams> }): Promise<Response> => {
    let response: Response;
    try {
      const params = await context.params;
      const caller = authenticateRequest(request, params.accountId);
      takeToken(caller.key.id);
      response = await handler({ request, params, actor: caller.actor, environment: caller.environment, user: caller.user });
    } catch (error) {
      response = errorResponse(error, request);
    }
    // Answers depend on the key and change with every write: no cache may keep them.
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
}
