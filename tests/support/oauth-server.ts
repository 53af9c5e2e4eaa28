// A real OAuth 2.0 / OpenID provider (oidc-provider 9, memory adapter) on loopback, with its own
// plain-HTML sign-in and consent pages so a test (fetch, or Playwright) answers them like a person:
//   sign-in page: a "Username" field and a "Sign in" button;
//   consent page: "Allow" and "Deny" buttons.
// Access tokens are opaque and issued for one resource, whose server checks them by introspection.
import crypto from "node:crypto";
import http from "node:http";
import * as oauth from "oauth4webapi";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";
import { renderConsentPage, renderSignInPage } from "./oauth-pages";

/** The resource every access token is issued for, and the scopes it knows. */
export const TEST_RESOURCE = "urn:oauth-test:api";
const RESOURCE_SCOPES = "read write";
const INTROSPECTION_CLIENT = { client_id: "resource-server", client_secret: "resource-server-secret" };

export type TestOAuthClient = {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post";
};

export type TestOAuthServer = {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Asks the provider, over HTTP, whether an access token is still good (RFC 7662). */
  introspect(accessToken: string): Promise<boolean>;
  /** Ends every access token issued so far, as a provider revoking them early would. */
  revokeAllAccessTokens(): Promise<void>;
  revokeAllRefreshTokens(): Promise<void>;
  /** How many refresh-token grants the token endpoint has answered successfully. */
  refreshCount(): number;
  /** Every access and refresh token issued so far (an opaque token is its `jti`), to check none reaches a page. */
  issuedTokens(): string[];
  stop(): Promise<void>;
};

export async function startOAuthServer(options: {
  port: number;
  clients: TestOAuthClient[];
  /** Seconds. */
  accessTokenTtl?: number;
  /** Seconds. */
  refreshTokenTtl?: number;
  /** Issue a new refresh token on every refresh (and refuse the old one); off like most providers' confidential clients. */
  rotateRefreshTokens?: boolean;
}): Promise<TestOAuthServer> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const accessTokenTtl = options.accessTokenTtl ?? 3600;
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });

  const clients: ClientMetadata[] = options.clients.map((client) => ({
    ...client,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  }));
  clients.push({ ...INTROSPECTION_CLIENT, grant_types: [], response_types: [], redirect_uris: [] });

  const configuration: Configuration = {
    clients,
    // Its own signing key (for ID tokens when `openid` is asked for), not oidc-provider's development one.
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), use: "sig", kid: "test" }] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, client) => client.clientId === INTROSPECTION_CLIENT.client_id,
      },
      resourceIndicators: {
        enabled: true,
        // Requests name no resource (generic OAuth 2.0 clients do not): every grant is for the test API.
        defaultResource: () => TEST_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: RESOURCE_SCOPES,
          audience: TEST_RESOURCE,
          accessTokenTTL: accessTokenTtl,
          accessTokenFormat: "opaque",
        }),
      },
    },
    // A refresh token for every grant, as generic OAuth 2.0 providers do, not only for `offline_access`.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    expiresWithSession: () => false,
    rotateRefreshToken: options.rotateRefreshTokens ?? false,
    ttl: {
      AccessToken: accessTokenTtl,
      RefreshToken: options.refreshTokenTtl ?? 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      Interaction: 600,
      Session: 3600,
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.keys = [crypto.randomBytes(32).toString("base64url")];

  const accessTokens = new Set<{ jti: string; destroy(): Promise<void> }>();
  const refreshTokens = new Set<{ jti: string; destroy(): Promise<void> }>();
  let refreshes = 0;
  provider.on("access_token.saved", (token) => accessTokens.add(token));
  provider.on("refresh_token.saved", (token) => refreshTokens.add(token));
  provider.on("grant.success", (ctx) => {
    if (ctx.oidc.params?.grant_type === "refresh_token") refreshes += 1;
  });
  // oidc-provider repeats an unchanged refresh token in a refresh response; most providers leave it
  // out, so this one does too and clients must keep the one they have.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { refresh_token?: string } | undefined;
    if (ctx.path === "/token" && body?.refresh_token && body.refresh_token === ctx.oidc?.params?.refresh_token) {
      delete body.refresh_token;
    }
  });
  provider.on("server_error", (_ctx, error) => console.error("oauth test server error:", error));

  const providerHandler = provider.callback();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    if (!path.startsWith("/interaction/")) return providerHandler(req, res);
    handleInteraction(provider, path, req, res).catch((error: unknown) => {
      console.error("oauth test interaction error:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });

  const as: oauth.AuthorizationServer = { issuer, introspection_endpoint: `${issuer}/token/introspection` };
  return {
    issuer,
    authorizeUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    async introspect(accessToken) {
      const client = { client_id: INTROSPECTION_CLIENT.client_id };
      const response = await oauth.introspectionRequest(
        as,
        client,
        oauth.ClientSecretBasic(INTROSPECTION_CLIENT.client_secret),
        accessToken,
        { [oauth.allowInsecureRequests]: true },
      );
      return (await oauth.processIntrospectionResponse(as, client, response)).active;
    },
    async revokeAllAccessTokens() {
      await Promise.all([...accessTokens].map((token) => token.destroy()));
    },
    async revokeAllRefreshTokens() {
      await Promise.all([...refreshTokens].map((token) => token.destroy()));
    },
    refreshCount: () => refreshes,
    issuedTokens: () => [...accessTokens, ...refreshTokens].map((token) => token.jti),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: http.ServerResponse, html: string, status = 200): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/** GET shows the page the provider's prompt asks for; POST …/login, …/allow and …/deny answer it. */
async function handleInteraction(
  provider: Provider,
  path: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const [, , uid, action] = path.split("/");
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return sendHtml(res, "<p>This sign-in page belongs to another attempt.</p>", 400);
  const clientId = String(details.params.client_id);

  if (req.method === "GET" && action === undefined) {
    if (details.prompt.name === "login") return sendHtml(res, renderSignInPage({ uid, clientId }));
    const scopes = String(details.params.scope ?? "").split(" ").filter(Boolean);
    return sendHtml(res, renderConsentPage({ uid, clientId, scopes }));
  }
  if (req.method !== "POST") return sendHtml(res, "<p>Not found.</p>", 404);

  if (action === "login") {
    const username = (await readForm(req)).get("username")?.trim();
    if (!username) return sendHtml(res, renderSignInPage({ uid, clientId, error: "Enter a username." }), 400);
    return provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
  }
  if (action === "deny") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The user denied access." },
      { mergeWithLastSubmission: false },
    );
  }
  if (action === "allow") {
    const accountId = details.session?.accountId;
    if (!accountId) return sendHtml(res, "<p>Sign in first.</p>", 400);
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
      : new provider.Grant({ accountId, clientId });
    // Grant what the provider says is still missing: OpenID scopes and the resource's scopes.
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(" "));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  return sendHtml(res, "<p>Not found.</p>", 404);
}
