// Connects a test client to the test provider end to end (authorize, sign in, allow, exchange the
// code), for tests that start from a connection that already has tokens.
import type { OAuthClientConfig, OAuthServerConfig, OAuthTokens } from "@/lib/connectors/oauth2/flow";
import { completeAuthorization, startAuthorization } from "@/lib/connectors/oauth2/flow";
import type { TestOAuthServer } from "./oauth-server";
import { signInAtProvider } from "./oauth-user-agent";

export function serverConfig(provider: TestOAuthServer): OAuthServerConfig {
  return { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl, allowInsecureRequests: true };
}

export async function connectTestClient(
  provider: TestOAuthServer,
  client: OAuthClientConfig,
  redirectUri: string,
): Promise<OAuthTokens> {
  const pending = await startAuthorization({
    authorizeUrl: provider.authorizeUrl,
    clientId: client.clientId,
    scopes: ["read"],
    redirectUri,
  });
  const callbackUrl = await signInAtProvider(pending.url, { username: "ada", decision: "Allow", redirectUri });
  return completeAuthorization({
    server: serverConfig(provider),
    client,
    redirectUri,
    callbackUrl,
    expectedState: pending.state,
    codeVerifier: pending.codeVerifier,
    fetch,
  });
}
