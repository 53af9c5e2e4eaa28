import { findAccount } from "@/db/queries/accounts";
import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { accountDomain } from "@/lib/environments";

export const dynamic = "force-dynamic";

/** Who the key acts as, and where: what a connection's "Test connection" calls. */
export const GET = apiRoute(({ user, environment, params }) =>
  Response.json({
    user: { id: user.id, name: user.name, email: user.email, role: user.role },
    // The user's account exists while the user does (foreign key, cascading delete).
    account: { id: params.accountId, name: findAccount(user.accountId)!.name },
    environment: environment.kind,
    accountDomain: accountDomain(environment),
  }),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
