// What `checkDefinition` needs to know about an account: the app's boards and the account's
// connections (another account's read as missing). Shared by saving, testing and switching on.
import { listBoards } from "@/db/queries/apps";
import type { Actor } from "@/lib/auth/actor";
import { connectionOfAccount } from "@/lib/connections/find-connection";
import { NotFoundError } from "@/lib/errors";
import type { CheckContext } from "@/lib/integrations/validate-definition";

/** What `checkDefinition` needs to know about the account: the app's boards, the account's connections. */
export function checkContext(actor: Pick<Actor, "accountId">, appId: string): CheckContext {
  return {
    boards: listBoards(appId, "development"),
    connection(id) {
      try {
        const { connection, environment } = connectionOfAccount(actor, id);
        return { id: connection.id, name: connection.name, connectorKey: connection.connectorKey, environmentKind: environment.kind };
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
  };
}
