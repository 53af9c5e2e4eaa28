// The credentials of an HTTP request connection: none, an API key (in a header or the query),
// a Bearer token or Basic user/password, plus an optional Test URL that "Test connection" calls.
// OAuth 2.0 is not a form choice: a connection created with an OAuth app signs in with Connect
// now, and its requests carry the app's fresh access token (`ctx.oauth`).
import { z } from "zod";
import { ConnectorError, type FieldsConnectorAuth, type OAuthCredentials, type PropField } from "@/lib/connectors/framework";
import { testOAuthAccess } from "@/lib/connectors/oauth2/test-access";
import { errorFromResponse } from "@/lib/connectors/outbound";
import { HEADER_TEXT, headerTextMessage } from "@/lib/validation";

const text = (label: string, max = 200) => z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`).max(max, `${label} must be at most ${max} characters.`);
const secret = (label: string) => z.string({ error: `${label} is required.` }).min(1, `${label} is required.`).max(4000, `${label} must be at most 4000 characters.`);
/** A secret that is sent in a header as is. */
const headerSecret = (label: string) => secret(label).regex(HEADER_TEXT, headerTextMessage(label));

export const httpUrl = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .max(2000, `${label} must be at most 2000 characters.`)
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { message: `${label} must be an http:// or https:// address.` });

// An empty Test URL from the form means none.
const testUrl = z.preprocess((value) => (value === "" || value === null ? undefined : value), httpUrl("Test URL").optional());

export const httpCredentialsSchema = z.discriminatedUnion(
  "authType",
  [
    z.object({ authType: z.literal("none"), testUrl }),
    z
      .object({
        authType: z.literal("api_key"),
        apiKeyIn: z.enum(["header", "query"], { error: "Choose where the API key goes." }),
        apiKeyName: text("Key name", 100).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "Key name may not contain spaces or separators."),
        apiKeyValue: secret("Key value"),
        testUrl,
      })
      .refine((key) => key.apiKeyIn !== "header" || HEADER_TEXT.test(key.apiKeyValue), { path: ["apiKeyValue"], message: headerTextMessage("Key value") }),
    z.object({ authType: z.literal("bearer"), token: headerSecret("Token"), testUrl }),
    z.object({ authType: z.literal("basic"), username: text("User"), password: secret("Password"), testUrl }),
  ],
  { error: "Choose an authentication type." },
);

/** What the form sets, or `OAUTH_CREDENTIALS` for a connection signed in through an OAuth app. */
export type HttpCredentials = z.infer<typeof httpCredentialsSchema> | OAuthCredentials;
export const NO_AUTH: HttpCredentials = { authType: "none" };

const when = (...values: string[]) => ({ field: "authType", equals: values });

export const httpAuthFields: PropField[] = [
  {
    key: "authType",
    label: "Authentication",
    type: "select",
    required: true,
    options: [
      { value: "none", label: "None" },
      { value: "api_key", label: "API key" },
      { value: "bearer", label: "Bearer token" },
      { value: "basic", label: "Basic (user and password)" },
    ],
  },
  { key: "apiKeyIn", label: "Send the key in", type: "select", options: [{ value: "header", label: "A header" }, { value: "query", label: "The query string" }], showWhen: when("api_key") },
  { key: "apiKeyName", label: "Key name", type: "text", placeholder: "X-API-Key", showWhen: when("api_key") },
  { key: "apiKeyValue", label: "Key value", type: "password", secret: true, showWhen: when("api_key") },
  { key: "token", label: "Token", type: "password", secret: true, showWhen: when("bearer") },
  { key: "username", label: "User", type: "text", showWhen: when("basic") },
  { key: "password", label: "Password", type: "password", secret: true, showWhen: when("basic") },
  { key: "testUrl", label: "Test URL", type: "url", hint: "A GET address that needs these credentials; Test connection calls it. Leave empty to skip the test." },
];

/** Puts the credential where its kind says: a header, the query string or Authorization (an OAuth connection's fetch adds its own). */
export function applyHttpAuth(credentials: HttpCredentials, url: URL, headers: Headers): void {
  switch (credentials.authType) {
    case "api_key":
      if (credentials.apiKeyIn === "query") url.searchParams.set(credentials.apiKeyName, credentials.apiKeyValue);
      else headers.set(credentials.apiKeyName, credentials.apiKeyValue);
      break;
    case "bearer":
      headers.set("Authorization", `Bearer ${credentials.token}`);
      break;
    case "basic":
      headers.set("Authorization", `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`);
      break;
  }
}

export const httpAuth: FieldsConnectorAuth<HttpCredentials> = {
  kind: "fields",
  // A request to a public address needs no connection at all.
  optional: true,
  acceptsOAuthApp: true,
  fields: httpAuthFields,
  schema: httpCredentialsSchema,
  async test(ctx) {
    if (ctx.credentials.authType === "oauth2") return testOAuthAccess(ctx);
    if (!ctx.credentials.testUrl) {
      return { checked: false, message: "Saved, not tested: there is no Test URL to call. Add one (a GET address that needs these credentials) to check them." };
    }
    const url = new URL(ctx.credentials.testUrl);
    const headers = new Headers({ Accept: "application/json, */*" });
    applyHttpAuth(ctx.credentials, url, headers);
    const response = await ctx.fetch(url, { headers });
    if (response.status === 401 || response.status === 403) {
      throw new ConnectorError(`${url.host} refused these credentials (${response.status}).`, { status: response.status });
    }
    if (!response.ok) throw await errorFromResponse(response, url.host);
    return { message: `${url.host} answered ${response.status} with these credentials.` };
  },
};
