// The one call lib/connections makes into the audit log: a connection was authenticated (Connect
// now, Reauthenticate, an OAuth callback) or tested. The entry names the connection and the
// outcome of its test; never the credentials.
import { getDb } from "@/db/client";
import type { Connection, Environment } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit-log";

type Outcome = { ok: boolean | null; message: string; status: string };

export function auditConnectionEvent(
  actor: Pick<Actor, "accountId" | "label">,
  action: "connection.authenticated" | "connection.tested",
  connection: Pick<Connection, "id" | "name" | "connectorKey">,
  environment: Pick<Environment, "kind">,
  outcome: Outcome,
): void {
  recordAudit(getDb(), {
    accountId: actor.accountId,
    actor: actor.label,
    action,
    subjectType: "connection",
    subjectId: connection.id,
    detail: { name: connection.name, connectorKey: connection.connectorKey, environment: environment.kind, ok: outcome.ok, status: outcome.status, message: outcome.message },
  });
}
