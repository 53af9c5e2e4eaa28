// What the flow needs to know about one OAuth 2.0 provider and the app registered with it, turned
// into the objects oauth4webapi works with.
import * as oauth from "oauth4webapi";
import { ConnectorError } from "@/lib/connectors/framework";

export type OAuthServerConfig = {
  authorizeUrl: string;
  tokenUrl: string;
  /**
   * The provider's issuer identifier, when it has one (OpenID providers, RFC 9207 `iss` in the
   * callback). Generic OAuth 2.0 servers publish no metadata, so by default the token URL's origin
   * stands in for it: oauth4webapi needs an issuer, and it is compared only with an `iss` the
   * provider chooses to send (callback parameter or ID token), which then must be set here.
   */
  issuer?: string;
  /** Plain-http endpoints (loopback tests, local development); refused otherwise. */
  allowInsecureRequests?: boolean;
};

export type OAuthClientAuthMethod = "client_secret_basic" | "client_secret_post";

export type OAuthClientConfig = {
  clientId: string;
  clientSecret: string;
  /** How the secret reaches the token endpoint; most providers accept HTTP Basic. */
  authMethod?: OAuthClientAuthMethod;
};

export type OAuthTokens = {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  scope: string | null;
  /** Milliseconds since the epoch; null when the provider did not say (`expires_in` absent). */
  expiresAt: number | null;
};

export function parseHttpUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectorError(`The ${label} is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConnectorError(`The ${label} must be an http(s) URL.`);
  }
  return url;
}

export function authorizationServer(server: OAuthServerConfig): oauth.AuthorizationServer {
  const tokenUrl = parseHttpUrl(server.tokenUrl, "token URL");
  return {
    issuer: server.issuer ?? tokenUrl.origin,
    authorization_endpoint: parseHttpUrl(server.authorizeUrl, "authorize URL").href,
    token_endpoint: tokenUrl.href,
  };
}

export function oauthClient(client: OAuthClientConfig): oauth.Client {
  return { client_id: client.clientId };
}

export function clientAuthentication(client: OAuthClientConfig): oauth.ClientAuth {
  return client.authMethod === "client_secret_post"
    ? oauth.ClientSecretPost(client.clientSecret)
    : oauth.ClientSecretBasic(client.clientSecret);
}

export function tokensFromResponse(response: oauth.TokenEndpointResponse, receivedAt: number): OAuthTokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? null,
    tokenType: response.token_type,
    scope: response.scope ?? null,
    expiresAt: response.expires_in === undefined ? null : receivedAt + response.expires_in * 1000,
  };
}
