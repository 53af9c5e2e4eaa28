// What the OAuth connection suites share: an OAuth app for a loopback test provider, a connection
// signed in through it by a person answering the provider's pages, and a look at the stored row.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createConnection } from "@/lib/connections/create-connection";
import { createOAuthApp } from "@/lib/connections/oauth-apps";
import { beginOAuthConnection, finishOAuthConnection, oauthRedirectUri } from "@/lib/connections/oauth-connect";
import type { TestOAuthClient, TestOAuthServer } from "./oauth-server";
import { signInAtProvider } from "./oauth-user-agent";

export const TEST_CLIENT = { clientId: "boardflow", clientSecret: "boardflow-client-secret" };

/** The client to register at a test provider: this instance, with its redirect URI. */
export function providerClient(): TestOAuthClient {
  return { client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, redirect_uris: [oauthRedirectUri()] };
}

/** The settings form's fields for an app at `provider`. */
export function appFields(provider: TestOAuthServer, overrides: Record<string, string> = {}) {
  return {
    name: `Provider ${provider.issuer}`,
    authorizeUrl: provider.authorizeUrl,
    tokenUrl: provider.tokenUrl,
    scopes: "read",
    clientId: TEST_CLIENT.clientId,
    clientSecret: TEST_CLIENT.clientSecret,
    ...overrides,
  };
}

let counter = 0;

/** A new, never signed-in connection (Production unless asked) through a new OAuth app at `provider`. */
export function oauthConnection(admin: Actor, provider: TestOAuthServer, { connectorKey = "oauth2", testUrl = "", environment = "production" } = {}) {
  const app = createOAuthApp(admin, appFields(provider, { name: `App ${++counter}`, testUrl }));
  const connection = createConnection(admin, { name: `CRM ${counter}`, connectorKey, environment, oauthAppId: app.id });
  return { app, connection };
}

/** Connect now, a person signing in as "ada" and answering `decision`, then the callback. */
export async function connectThroughProvider(actor: Actor, connectionId: string, decision: "Allow" | "Deny" = "Allow", returnTo = "/apps/app_1/manage/integrations/connections") {
  const began = await beginOAuthConnection(actor, { connectionId, returnTo });
  const callbackUrl = await signInAtProvider(began.authorizationUrl, { username: "ada", decision, redirectUri: oauthRedirectUri() });
  return { began, callbackUrl, result: await finishOAuthConnection(actor, { sealedState: began.cookie.value, callbackUrl }) };
}

export function connectionRow(id: string) {
  return getDb().select().from(connections).where(eq(connections.id, id)).get()!;
}
