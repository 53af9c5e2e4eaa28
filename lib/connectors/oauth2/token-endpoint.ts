// Calls to the provider's token endpoint: the transport handed to oauth4webapi, and the translation
// of what can go wrong into messages a person can act on (and the engine can retry or not).
import * as oauth from "oauth4webapi";
import { ConnectorError, type ConnectorFetch, ReauthenticationRequiredError } from "@/lib/connectors/framework";
import type { OAuthServerConfig } from "./config";

export const REFRESH_REFUSED_MESSAGE =
  "The provider refused to refresh the access token; reauthenticate the connection.";

/** The connector's fetch (guarded, with timeouts) in place of the global one; network failures become transient. */
export function tokenRequestOptions(server: OAuthServerConfig, fetch: ConnectorFetch): oauth.TokenEndpointRequestOptions {
  return {
    [oauth.customFetch]: async (url, init) => {
      try {
        return await fetch(url, init);
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        const reason = (error as { cause?: { code?: unknown } }).cause?.code;
        const host = new URL(url).host;
        throw new ConnectorError(
          `Could not reach the provider's token endpoint (${host})${typeof reason === "string" ? `: ${reason}` : ""}.`,
          { transient: true },
        );
      }
    },
    [oauth.allowInsecureRequests]: server.allowInsecureRequests === true,
  };
}

function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Turns a failure of a code exchange or a refresh into a ConnectorError. `grant` says which: a
 * refused refresh token means the person must sign in again, a refused code only that this sign-in
 * attempt is spent. Anything unexpected is returned unchanged.
 */
export function tokenEndpointError(error: unknown, grant: "authorization_code" | "refresh_token"): unknown {
  if (error instanceof ConnectorError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === "invalid_grant") {
      return grant === "refresh_token"
        ? new ReauthenticationRequiredError(REFRESH_REFUSED_MESSAGE)
        : new ConnectorError(
            "The provider refused the authorization code (invalid_grant): it was already used, it expired, or the PKCE verifier does not match; start again with Connect now.",
          );
    }
    if (error.error === "invalid_client" || error.error === "unauthorized_client") {
      return clientRefused(error.error);
    }
    const transient =
      isTransientStatus(error.status) || error.error === "temporarily_unavailable" || error.error === "server_error";
    return new ConnectorError(
      `The provider's token endpoint answered ${error.status} (${error.error}${error.error_description ? `: ${error.error_description}` : ""}).`,
      { transient, status: error.status, retryAfterSeconds: transient ? retryAfterSeconds(error.response) : undefined },
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // A challenge from the token endpoint is about the client's own authentication.
    return clientRefused(error.cause[0]?.parameters.error ?? `HTTP ${error.status}`);
  }
  if (error instanceof oauth.OperationProcessingError) {
    if (error.code === oauth.RESPONSE_IS_NOT_CONFORM && error.cause instanceof Response) {
      const status = error.cause.status;
      const transient = isTransientStatus(status);
      return new ConnectorError(
        `The provider's token endpoint answered HTTP ${status}.`,
        { transient, status, retryAfterSeconds: transient ? retryAfterSeconds(error.cause) : undefined },
      );
    }
    if (error.code === oauth.HTTP_REQUEST_FORBIDDEN || error.code === oauth.REQUEST_PROTOCOL_FORBIDDEN) {
      return new ConnectorError("The provider's token URL must use https.");
    }
    return new ConnectorError(`The provider's token response could not be used: ${error.message}.`);
  }
  if (error instanceof oauth.UnsupportedOperationError) {
    return new ConnectorError(`The provider's token response could not be used: ${error.message}.`);
  }
  // Anything else is a defect here, not a provider's answer: keep it as it is.
  return error;
}

function clientRefused(reason: string): ConnectorError {
  return new ConnectorError(
    `The provider refused the OAuth client ID or secret (${reason}); an admin should check the OAuth app settings.`,
  );
}
