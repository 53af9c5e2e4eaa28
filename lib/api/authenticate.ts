// Who is calling, and may they use the Account ID in the URL? The key is checked first (401), so an
// anonymous caller learns nothing about which Account IDs exist; then the Account ID must be an
// environment of the key's account (404 otherwise, as if it did not exist) and the key's own
// environment (403, with a message that says which key to create instead: SPEC §3 rule 3).
import type { Environment } from "@/db/schema";
import { authenticateAccessKey } from "@/lib/access-keys/access-keys";
import { ENVIRONMENT_LABEL, environmentById } from "@/lib/environments";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

type ApiCaller = ReturnType<typeof authenticateAccessKey>;

function describe(env: Environment): string {
  return `the ${ENVIRONMENT_LABEL[env.kind]} environment (${env.id})`;
}

export function authenticateRequest(request: Request, accountId: string): ApiCaller {
  const caller = authenticateAccessKey(request.headers.get("x-access-key-id"), request.headers.get("x-access-key-secret"));
  const target = environmentById(accountId);
  if (!target || target.accountId !== caller.actor.accountId) throw new NotFoundError(`Account ${accountId}`);
  if (target.id !== caller.environment.id) {
    const wanted = ENVIRONMENT_LABEL[target.kind];
    throw new ForbiddenError(
      `This access key belongs to ${describe(caller.environment)}; it cannot be used with the ${wanted} Account ID ${target.id}. ` +
        `Create a ${wanted} access key under My settings > Security settings > API authentication.`,
    );
  }
  return caller;
}
