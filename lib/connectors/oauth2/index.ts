// The generic "OAuth 2.0 app" connector: any API that signs in with OAuth 2.0 (authorization code
// with PKCE), through an OAuth app an admin registered. Its one action sends a request with the
// connection's access token, kept fresh by the connections service (`ctx.oauth`).
import { z } from "zod";
import { defineAction, defineConnector, OAUTH_CREDENTIALS, oauthAccessOf, type OAuthCredentials } from "@/lib/connectors/framework";
import { performRequest, requestInput, requestProps, requestSampleOutput, type RequestInput } from "@/lib/connectors/http/send-request";
import { testOAuthAccess } from "@/lib/connectors/oauth2/test-access";

const sendAuthenticatedRequest = defineAction<RequestInput, OAuthCredentials>({
  key: "send_authenticated_request",
  name: "Send authenticated request",
  description: "Calls the provider's API with the connection's access token and returns the status, headers and body.",
  props: requestProps,
  input: requestInput,
  sampleOutput: requestSampleOutput,
  run: (ctx) => performRequest(ctx.input, oauthAccessOf(ctx).fetch, { signal: ctx.signal }),
});

export const oauth2App = defineConnector<OAuthCredentials>({
  key: "oauth2",
  name: "OAuth 2.0 app",
  description: "Call any API that signs in with OAuth 2.0, through an OAuth app set up under My settings.",
  icon: "M7 14a4 4 0 1 1 3.87-5H21v4h-2v3h-3v-3h-5.13A4 4 0 0 1 7 14zm0-2a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",
  auth: {
    kind: "oauth2",
    // Nothing to type: Connect now signs in at the provider.
    fields: [],
    schema: z.object({ authType: z.literal(OAUTH_CREDENTIALS.authType) }),
    test: testOAuthAccess,
  },
  triggers: [],
  actions: [sendAuthenticatedRequest],
});
