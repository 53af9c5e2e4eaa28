"use server";
// Connection writes from the Connections pages of both environments. The services check the
// role and the account; the environment comes from the page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { ENVIRONMENT_KINDS, type EnvironmentKind } from "@/db/schema";
import { appOfAccount } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import { toActionError, type ActionState } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { getConnection } from "@/lib/connections/connection-view";
import { createConnection } from "@/lib/connections/create-connection";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { connectorsWithAuth, getConnector } from "@/lib/connectors/registry";
import { parseOrThrow } from "@/lib/validation";

type Target = { env: EnvironmentKind; appId: string };
const targetSchema = z.object({ env: z.enum(ENVIRONMENT_KINDS), appId: z.string().min(1) });

/** The target the page bound: its app must be of the user's account too (the page the action came from and goes back to). */
function targetOf(user: Actor, rawTarget: Target): Target {
  const target = parseOrThrow(targetSchema, rawTarget);
  appOfAccount(user, target.appId);
  return target;
}

/** Every connector's secret fields: a refused credentials form comes back with what was typed, except these. */
const SECRET_FIELDS = new Set(connectorsWithAuth().flatMap(({ auth }) => (auth.kind === "none" ? [] : auth.fields.filter((field) => field.secret).map((field) => field.key))));

function withoutSecrets(formData: FormData): FormData {
  const kept = new FormData();
  for (const [key, value] of formData) if (!SECRET_FIELDS.has(key)) kept.append(key, value);
  return kept;
}

async function withUser(formData: FormData | null, run: (user: NonNullable<Awaited<ReturnType<typeof currentUser>>>) => Promise<ActionState | void>): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    return (await run(user)) ?? { ok: true };
  } catch (error) {
    return toActionError(error, formData ?? undefined);
  }
}

export async function createConnectionAction(rawTarget: Target, _previous: ActionState, formData: FormData): Promise<ActionState> {
  let created: { id: string; oauth: boolean } | undefined;
  const state = await withUser(formData, async (user) => {
    const target = targetOf(user, rawTarget);
    const connection = createConnection(user, {
      name: formData.get("name"),
      connectorKey: formData.get("connectorKey"),
      environment: target.env,
      oauthAppId: formData.get("oauthAppId") || undefined,
    });
    created = { id: connection.id, oauth: connection.oauthApp !== null };
  });
  if (!created) return state;
  revalidatePath(connectionsPath(rawTarget.env, rawTarget.appId));
  // Straight on to "Connect now": a new connection is useless until it is authenticated.
  redirect(created.oauth ? connectionsPath(rawTarget.env, rawTarget.appId) : `${connectionsPath(rawTarget.env, rawTarget.appId)}/${created.id}`);
}

/** The form's inputs are named by the connector's auth field keys; blank secrets keep the stored ones. */
export async function authenticateConnectionAction(rawTarget: Target & { connectionId: string }, _previous: ActionState, formData: FormData): Promise<ActionState> {
  let done = false;
  const state = await withUser(withoutSecrets(formData), async (user) => {
    targetOf(user, rawTarget);
    const connector = getConnector(getConnection(user, rawTarget.connectionId).connector.key);
    const fields = connector && connector.auth.kind !== "none" ? connector.auth.fields : [];
    const input = Object.fromEntries(fields.map((field) => [field.key, field.type === "checkbox" ? formData.get(field.key) === "on" : (formData.get(field.key) ?? undefined)]));
    await authenticateConnection(user, rawTarget.connectionId, input);
    done = true;
  });
  if (!done) return state;
  revalidatePath(connectionsPath(rawTarget.env, rawTarget.appId));
  redirect(connectionsPath(rawTarget.env, rawTarget.appId));
}

export async function testConnectionAction(rawTarget: Target & { connectionId: string }, _previous: ActionState): Promise<ActionState> {
  return withUser(null, async (user) => {
    targetOf(user, rawTarget);
    // The row shows the outcome (status, time, message) once the page refreshes.
    await testConnection(user, rawTarget.connectionId);
    revalidatePath(connectionsPath(rawTarget.env, rawTarget.appId));
  });
}

export async function deleteConnectionAction(rawTarget: Target & { connectionId: string }, _previous: ActionState): Promise<ActionState> {
  return withUser(null, async (user) => {
    targetOf(user, rawTarget);
    deleteConnection(user, rawTarget.connectionId);
    revalidatePath(connectionsPath(rawTarget.env, rawTarget.appId));
    return { ok: true, message: "Connection deleted." };
  });
}
