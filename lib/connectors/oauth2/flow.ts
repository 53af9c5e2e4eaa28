// The OAuth 2.0 authorization code flow with PKCE (S256) and refresh, for any provider given its
// authorize and token URLs. Pure: no database, no cookies; the connections service keeps the
// pending state (lib/connections/oauth-state.ts) and stores the tokens encrypted.
import * as oauth from "oauth4webapi";
import { ConnectorError, type ConnectorFetch, ReauthenticationRequiredError } from "@/lib/connectors/framework";
import {
  authorizationServer,
  clientAuthentication,
  type OAuthClientConfig,
  type OAuthServerConfig,
  type OAuthTokens,
  oauthClient,
  parseHttpUrl,
  tokensFromResponse,
} from "./config";
import { tokenEndpointError, tokenRequestOptions } from "./token-endpoint";

export type { OAuthClientAuthMethod, OAuthClientConfig, OAuthServerConfig, OAuthTokens } from "./config";

export const STATE_MISMATCH_MESSAGE =
  "The provider did not return to this sign-in attempt (state mismatch); start again with Connect now.";
export const ACCESS_DENIED_MESSAGE = "Access was denied at the provider.";

export type PendingAuthorization = { url: string; state: string; codeVerifier: string };

export async function startAuthorization(input: {
  authorizeUrl: string;
  clientId: string;
  scopes: string[];
  redirectUri: string;
  /** Provider-specific parameters (e.g. `access_type=offline`, `prompt=consent`); cannot override the protocol ones. */
  extraParams?: Record<string, string>;
}): Promise<PendingAuthorization> {
  const state = oauth.generateRandomState();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const url = parseHttpUrl(input.authorizeUrl, "authorize URL");
  for (const [name, value] of Object.entries(input.extraParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  if (input.scopes.length > 0) url.searchParams.set("scope", input.scopes.join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { url: url.href, state, codeVerifier };
}

/** Checks the callback (state, provider errors) with oauth4webapi and names the failure. */
function validateCallback(as: oauth.AuthorizationServer, client: oauth.Client, callbackUrl: URL, expectedState: string) {
  try {
    return oauth.validateAuthResponse(as, client, callbackUrl, expectedState);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      if (error.error === "access_denied") throw new ConnectorError(ACCESS_DENIED_MESSAGE);
      const detail = error.error_description ? `: ${error.error_description}` : "";
      throw new ConnectorError(`The provider refused the sign-in (${error.error}${detail}); start again with Connect now.`);
    }
    if (error instanceof oauth.OperationProcessingError && error.code === oauth.INVALID_RESPONSE) {
      // The `iss` check runs first and reports the issuer it expected; anything else is the state.
      const expected = (error.cause as { expected?: unknown } | undefined)?.expected;
      if (expected === as.issuer) {
        throw new ConnectorError(
          `The provider answered as a different issuer than ${as.issuer}; set the OAuth app's issuer to the provider's.`,
        );
      }
      throw new ConnectorError(STATE_MISMATCH_MESSAGE);
    }
    throw error;
  }
}

export async function completeAuthorization(input: {
  server: OAuthServerConfig;
  client: OAuthClientConfig;
  redirectUri: string;
  callbackUrl: URL;
  expectedState: string;
  codeVerifier: string;
  fetch: ConnectorFetch;
}): Promise<OAuthTokens> {
  const as = authorizationServer(input.server);
  const client = oauthClient(input.client);
  const parameters = validateCallback(as, client, input.callbackUrl, input.expectedState);
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuthentication(input.client),
      parameters,
      input.redirectUri,
      input.codeVerifier,
      tokenRequestOptions(input.server, input.fetch),
    );
    const receivedAt = Date.now();
    return tokensFromResponse(await oauth.processAuthorizationCodeResponse(as, client, response), receivedAt);
  } catch (error) {
    throw tokenEndpointError(error, "authorization_code");
  }
}

/**
 * Exchanges a refresh token for new tokens. Providers that do not rotate refresh tokens leave it
 * out of the response: the one we have stays valid and is kept. `scope` is null when the response
 * omits it, which RFC 6749 defines as "unchanged"; `withFreshToken` keeps the earlier one then.
 */
export async function refreshTokens(input: {
  server: OAuthServerConfig;
  client: OAuthClientConfig;
  refreshToken: string;
  fetch: ConnectorFetch;
}): Promise<OAuthTokens> {
  const as = authorizationServer(input.server);
  const client = oauthClient(input.client);
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuthentication(input.client),
      input.refreshToken,
      tokenRequestOptions(input.server, input.fetch),
    );
    const receivedAt = Date.now();
    const tokens = tokensFromResponse(await oauth.processRefreshTokenResponse(as, client, response), receivedAt);
    return { ...tokens, refreshToken: tokens.refreshToken ?? input.refreshToken };
  } catch (error) {
    throw tokenEndpointError(error, "refresh_token");
  }
}

/** Whether the access token expires within `skewMs` (clocks differ, requests take time). Unknown expiry: no. */
export function needsRefresh(tokens: OAuthTokens, now: number = Date.now(), skewMs = 60_000): boolean {
  return tokens.expiresAt !== null && tokens.expiresAt - skewMs <= now;
}

export type FreshTokenOptions = {
  /** Usually `(refreshToken) => refreshTokens({ server, client, refreshToken, fetch })`. */
  refresh: (refreshToken: string) => Promise<OAuthTokens>;
  /** Persists tokens obtained by a refresh before they are used (the connections service encrypts them). */
  onTokens: (tokens: OAuthTokens) => Promise<void>;
  now?: () => number;
  skewMs?: number;
};

/**
 * Runs `call` with a valid access token: refreshes ahead of expiry, and when the resource still
 * answers 401 (revoked early, clock skew), refreshes once and retries once. At most one refresh per
 * call: a 401 with a token just obtained is reported, never looped on.
 */
export async function withFreshToken(
  tokens: OAuthTokens,
  options: FreshTokenOptions,
  call: (accessToken: string) => Promise<Response>,
): Promise<Response> {
  const now = options.now ?? Date.now;
  let current = tokens;
  let refreshed = false;
  const refresh = async (reason: string): Promise<void> => {
    if (current.refreshToken === null) {
      throw new ReauthenticationRequiredError(`${reason} and the provider gave no refresh token; reauthenticate the connection.`);
    }
    const fresh = await options.refresh(current.refreshToken);
    current = { ...fresh, scope: fresh.scope ?? current.scope };
    refreshed = true;
    await options.onTokens(current);
  };

  // Without a refresh token, a token still inside the skew window is worth trying as it is.
  const expired = current.expiresAt !== null && current.expiresAt <= now();
  if (needsRefresh(current, now(), options.skewMs) && (current.refreshToken !== null || expired)) {
    await refresh("The access token expired");
  }
  const response = await call(current.accessToken);
  if (response.status !== 401) return response;
  await response.body?.cancel();
  if (!refreshed) {
    await refresh("The provider refused the access token");
    const retried = await call(current.accessToken);
    if (retried.status !== 401) return retried;
    await retried.body?.cancel();
  }
  throw new ConnectorError(
    "The provider refused the access token right after a refresh (HTTP 401); check the scopes the connection was granted, or reauthenticate it.",
  );
}
