// A new connection: a name, a connector with credentials to give, an environment, and for
// connectors that sign in through OAuth the OAuth app to use. It starts as "Reauthentication
// required" and never authenticated, so the Connections tab offers "Connect now".
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { connections, ENVIRONMENT_KINDS } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { getConnection, type ConnectionView } from "@/lib/connections/connection-view";
import { listOAuthApps } from "@/lib/connections/oauth-apps";
import { oauthAppUse } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { environmentOf, ENVIRONMENT_LABEL } from "@/lib/environments";
import { ConflictError, ValidationError } from "@/lib/errors";
import { randomId } from "@/lib/ids";
import { nameSchema, parseOrThrow } from "@/lib/validation";

export const createConnectionSchema = z.object({
  name: nameSchema("Connection name", 80),
  connectorKey: z.string({ error: "Choose a connector." }).refine(
    (key) => {
      const connector = getConnector(key);
      return connector !== undefined && connector.auth.kind !== "none";
    },
    { message: "Choose a connector that needs a connection." },
  ),
  environment: z.enum(ENVIRONMENT_KINDS, { error: "Choose Development or Production." }),
  // The form's "None" option sends an empty value.
  oauthAppId: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.string({ error: "Choose one of the account's OAuth apps." }).max(200, "Choose one of the account's OAuth apps.").optional(),
  ),
});

export type CreateConnectionInput = z.input<typeof createConnectionSchema>;

function nameTaken(environmentId: string, name: string): boolean {
  return getDb().select({ id: connections.id }).from(connections).where(and(eq(connections.environmentId, environmentId), eq(connections.name, name))).get() !== undefined;
}

/** The OAuth app must be one the account can use, and the connector must sign in through one. */
function checkOAuthApp(actor: Actor, connectorKey: string, oauthAppId: string | undefined): void {
  const connector = getConnector(connectorKey)!;
  const use = oauthAppUse(connector.auth);
  const refuse = (message: string) => new ValidationError(message, { oauthAppId: message });
  if (oauthAppId === undefined) {
    if (use === "required") throw refuse("Choose an OAuth app.");
    return;
  }
  if (use === "none") throw refuse(`${connector.name} does not sign in through an OAuth app.`);
  if (!listOAuthApps(actor).some((app) => app.id === oauthAppId)) throw refuse("Choose one of the account's OAuth apps.");
}

export function createConnection(actor: Actor, input: unknown): ConnectionView {
  requireRole(actor, "builder", "create connections");
  const data = parseOrThrow(createConnectionSchema, input);
  checkOAuthApp(actor, data.connectorKey, data.oauthAppId);
  const env = environmentOf(actor.accountId, data.environment);
  const taken = () => new ConflictError(`A ${ENVIRONMENT_LABEL[env.kind]} connection named "${data.name}" already exists.`, { name: "This name is already used." });
  if (nameTaken(env.id, data.name)) throw taken();
  const now = Date.now();
  const id = randomId("con");
  try {
    getDb()
      .insert(connections)
      .values({ id, environmentId: env.id, connectorKey: data.connectorKey, name: data.name, oauthAppId: data.oauthAppId ?? null, status: "reauthentication_required", createdBy: actor.userId, createdAt: now, updatedAt: now })
      .run();
  } catch (error) {
    // Two creations racing on one name: the unique index decides.
    const e = error as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === "SQLITE_CONSTRAINT_UNIQUE") throw taken();
    throw error;
  }
  return getConnection(actor, id);
}
