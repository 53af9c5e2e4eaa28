// Account A using secrets of every kind for real, through the server: connections authenticated
// with the server's own actions over HTTP (Kissflow with access keys of this instance, SMTP at a
// loopback mail server, HTTP request with an API key in a header or the query, a Bearer token and
// Basic credentials, OAuth 2.0 signed in at a loopback provider), webhooks signed with a secret,
// and one integration per connection run through its webhook address in Development and, where
// the connection passes its test, in Production. Some runs succeed; others fail with a remote
// repeating the credential back in its error.
import { createHmac } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { getDb } from "@/db/client";
import { connections, runs, type EnvironmentKind } from "@/db/schema";
import { createConnection } from "@/lib/connections/create-connection";
import { listOAuthApps } from "@/lib/connections/oauth-apps";
import { oauthRedirectUri } from "@/lib/connections/oauth-connect";
import { SIGNATURE_HEADER } from "@/lib/connectors/webhook/signature";
import { deploy } from "@/lib/deploy/deploy";
import { setAccountDomain } from "@/lib/environments";
import { getIntegration } from "@/lib/integrations/integrations";
import { turnOn } from "@/lib/integrations/production-switch";
import { webhookToken } from "@/lib/webhooks/token";
import type { EchoServer } from "../support/echo-server";
import type { TestOAuthServer } from "../support/oauth-server";
import type { TestResourceServer } from "../support/oauth-resource-server";
import { signInAtProvider } from "../support/oauth-user-agent";
import { onIntegration } from "../engine/support";
import type { Scanned } from "./secret-scan";
import { callAction, formData, runsFinished, type AccessWorld } from "./world";

/** Secrets made up for this suite, each used below by a connection or a sender. */
export const PLANTED = {
  kissflowEchoSecret: "kf echo/Lynx+7=",
  smtpPassword: "smtp pass/Heron+9=",
  smtpWrongPassword: "smtp wrong/Ibis+4=",
  oauthClientSecret: "oauth client/Yak+3=",
  headerApiKey: "header key/Gecko+5=",
  queryApiKey: "query key/Mole+6=",
  bearerToken: "bearer token/Tern+8=",
  basicPassword: "basic pass/Vole+2=",
  testUrlPassword: "test url pass/Wren+1=",
  signingSecret: "hook signing/Skua+10=",
};

export const OAUTH_CLIENT_ID = "boardflow-access";
export const SMTP_USER = "mailer@acme.test";

export type Remotes = { echo: EchoServer; smtpPort: number; provider: TestOAuthServer; resource: TestResourceServer };

type Probe = {
  name: string;
  connectorKey: "kissflow" | "email" | "http" | "oauth2";
  /** The credentials form in each environment; none for OAuth 2.0 (Connect now at the provider). */
  form?: (env: EnvironmentKind) => Record<string, string>;
  actionKey: string;
  input: Record<string, string>;
  /** How its runs end: a remote refusing repeats the credentials back in its error. */
  outcome: "succeeded" | "failed";
  /** Also run in Production: its connection passes its test there. */
  production: boolean;
};

const CONNECTION_ACTIONS = "app/(app)/apps/[appId]/connection-actions.ts";
const OAUTH_APP_NAME = "Loopback provider";
const SIGNED_WEBHOOKS = "Signed webhooks";

function probes(w: AccessWorld, r: Remotes, instanceDomain: string): Probe[] {
  const kissflow = (env: EnvironmentKind) => {
    const key = env === "production" ? w.a.keys.prod : w.a.keys.dev;
    return { accountId: env === "production" ? w.a.prod.id : w.a.dev.id, accountDomain: instanceDomain, accessKeyId: key.id, accessKeySecret: key.secret };
  };
  const createItem = { actionKey: "create_item", input: { boardId: w.a.boardId, values: '{"name": "{{trigger.body.name}}"}' } };
  const mail = (password: string) => () => ({ host: "127.0.0.1", port: String(r.smtpPort), user: SMTP_USER, password, from: "ops@acme.test" });
  const sendMail = { actionKey: "send_email", input: { to: "ops@acme.test", subject: "Order {{trigger.body.name}}", text: "An order arrived." } };
  const request = (url: string) => ({ actionKey: "send_request", input: { method: "GET", url } });
  const oauthRequest = (url: string) => ({ actionKey: "send_authenticated_request", input: { method: "GET", url } });
  const echo = (path: string) => `${r.echo.url}${path}`;
  return [
    { name: "Kissflow", connectorKey: "kissflow", form: kissflow, ...createItem, outcome: "succeeded", production: true },
    {
      name: "Kissflow at a careless remote",
      connectorKey: "kissflow",
      form: () => ({ accountId: w.a.dev.id, accountDomain: r.echo.host, accessKeyId: "AKECHOKEY", accessKeySecret: PLANTED.kissflowEchoSecret }),
      ...createItem,
      outcome: "failed",
      production: false,
    },
    { name: "Mail", connectorKey: "email", form: mail(PLANTED.smtpPassword), ...sendMail, outcome: "succeeded", production: true },
    { name: "Mail with a wrong password", connectorKey: "email", form: mail(PLANTED.smtpWrongPassword), ...sendMail, outcome: "failed", production: false },
    { name: "API key in a header", connectorKey: "http", form: () => ({ authType: "api_key", apiKeyIn: "header", apiKeyName: "X-Api-Key", apiKeyValue: PLANTED.headerApiKey }), ...request(echo("/accept")), outcome: "succeeded", production: true },
    { name: "API key in the query", connectorKey: "http", form: () => ({ authType: "api_key", apiKeyIn: "query", apiKeyName: "key", apiKeyValue: PLANTED.queryApiKey }), ...request(echo("/reject")), outcome: "failed", production: true },
    { name: "Bearer token", connectorKey: "http", form: () => ({ authType: "bearer", token: PLANTED.bearerToken }), ...request(echo("/reject")), outcome: "failed", production: true },
    { name: "Basic credentials", connectorKey: "http", form: () => ({ authType: "basic", username: "acme", password: PLANTED.basicPassword }), ...request(echo("/accept")), outcome: "succeeded", production: true },
    {
      name: "Basic with a test URL",
      connectorKey: "http",
      form: () => ({ authType: "basic", username: "acme", password: PLANTED.testUrlPassword, testUrl: echo("/reject") }),
      ...request(echo("/reject")),
      outcome: "failed",
      production: false,
    },
    { name: "OAuth", connectorKey: "oauth2", ...oauthRequest(r.resource.url), outcome: "succeeded", production: true },
    { name: "OAuth at a careless remote", connectorKey: "oauth2", ...oauthRequest(echo("/reject")), outcome: "failed", production: true },
  ];
}

type Probed = { probe: Probe; id: string };

/** Actions as A's admin, each answer kept to be scanned. */
function adminSession(w: AccessWorld) {
  const answers: Scanned[] = [];
  const act = async (where: string, action: string, args: unknown[]) => {
    const answer = await callAction(w, "admin", action, args);
    answers.push({ where, text: answer.text });
    return answer;
  };
  const connectionNamed = (env: EnvironmentKind, name: string) => {
    const environmentId = env === "production" ? w.a.prod.id : w.a.dev.id;
    return getDb().select({ id: connections.id }).from(connections).where(and(eq(connections.environmentId, environmentId), eq(connections.name, name))).get()!.id;
  };
  const submitCredentials = (env: EnvironmentKind, name: string, fields: Record<string, string>) =>
    act(`Connect ${name} (${env})`, `${CONNECTION_ACTIONS}#authenticateConnectionAction`, [{ env, appId: w.a.appId, connectionId: connectionNamed(env, name) }, {}, formData(fields)]);
  const authenticate = async (env: EnvironmentKind, name: string, fields: Record<string, string>) => {
    const answer = await submitCredentials(env, name, fields);
    expect(answer.redirect, JSON.stringify(answer.result)).toBe(connectionsPath(env, w.a.appId));
  };
  /** Connect now: the provider's sign-in and consent, answered as a person would. */
  const connectNow = async (env: EnvironmentKind, name: string) => {
    const start = `/api/oauth/start?${new URLSearchParams({ connectionId: connectionNamed(env, name), returnTo: connectionsPath(env, w.a.appId) })}`;
    const authorize = (await w.browsers.admin.get(start)).headers.get("location")!;
    const callback = await signInAtProvider(authorize, { username: "ada", decision: "Allow", redirectUri: oauthRedirectUri() });
    const finished = await w.browsers.admin.get(callback.pathname + callback.search);
    expect(new URL(finished.headers.get("location")!).searchParams.get("oauth")).toBe("connected");
  };
  const connect = (env: EnvironmentKind, probe: Probe) => (probe.form ? authenticate(env, probe.name, probe.form(env)) : connectNow(env, probe.name));
  return { w, admin: w.a.people.admin, answers, act, submitCredentials, authenticate, connect };
}

type Session = ReturnType<typeof adminSession>;

/** Each probe's Development connection, authenticated, and its integration, On in Development. */
async function buildInDevelopment(session: Session, remotes: Remotes, instanceDomain: string): Promise<{ probed: Probed[]; signingId: string }> {
  const { w, admin, act } = session;
  // The careless Kissflow remote answers at the Development Account domain, which the connector calls over plain http.
  setAccountDomain(admin, "development", remotes.echo.host);
  await act("Add an OAuth app", "app/(app)/settings/oauth-apps/actions.ts#createOAuthAppAction", [
    {},
    formData({ name: OAUTH_APP_NAME, authorizeUrl: remotes.provider.authorizeUrl, tokenUrl: remotes.provider.tokenUrl, scopes: "read", clientId: OAUTH_CLIENT_ID, clientSecret: PLANTED.oauthClientSecret }),
  ]);
  const oauthAppId = listOAuthApps(admin).find((app) => app.name === OAUTH_APP_NAME)!.id;
  const signing = createConnection(admin, { name: SIGNED_WEBHOOKS, connectorKey: "webhook", environment: "development" });
  await session.authenticate("development", SIGNED_WEBHOOKS, { signingSecret: PLANTED.signingSecret });
  const trigger = { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: signing.id, options: {} };
  const probed: Probed[] = [];
  for (const probe of probes(w, remotes, instanceDomain)) {
    const oauthApp = probe.connectorKey === "oauth2" ? { oauthAppId } : {};
    const connection = createConnection(admin, { name: probe.name, connectorKey: probe.connectorKey, environment: "development", ...oauthApp });
    // Deploy makes Production counterparts without an OAuth app, which could then never sign in: make them first.
    if (probe.connectorKey === "oauth2") createConnection(admin, { name: probe.name, connectorKey: probe.connectorKey, environment: "production", ...oauthApp });
    await session.connect("development", probe);
    const step = { id: "probe", name: probe.name, connectorKey: probe.connectorKey, actionKey: probe.actionKey, connectionId: connection.id, input: probe.input };
    probed.push({ probe, id: onIntegration(admin, w.a.appId, { trigger, steps: [step] }, `Probe: ${probe.name}`).id });
  }
  // A form refused for another field comes back with what was typed in it, but never its secrets.
  for (const [name, fields] of [
    ["Bearer token", { authType: "bearer", token: PLANTED.bearerToken, testUrl: "not an address" }],
    ["API key in a header", { authType: "api_key", apiKeyIn: "header", apiKeyName: "not a header name", apiKeyValue: PLANTED.headerApiKey }],
  ] as const) {
    expect((await session.submitCredentials("development", name, fields)).result).toMatchObject({ error: expect.any(String) });
  }
  return { probed, signingId: signing.id };
}

/** Deployed, Production connections authenticated, and the probes that can go live turned on. */
async function goLive(session: Session, probed: Probed[]): Promise<void> {
  deploy(session.admin, session.w.a.appId);
  await session.authenticate("production", SIGNED_WEBHOOKS, { signingSecret: PLANTED.signingSecret });
  for (const { probe, id } of probed.filter(({ probe }) => probe.production)) {
    await session.connect("production", probe);
    turnOn(session.admin, id);
  }
}

/** One signed webhook per probe and environment, and one with a wrong signature; then the runs, ended as each probe says. */
async function runEverything({ w, answers }: Session, probed: Probed[]): Promise<void> {
  const post = async (where: string, token: string, body: string, signature: string) => {
    const response = await fetch(new URL(`/api/hooks/${token}`, w.browsers.signedOut.baseUrl), { method: "POST", headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signature }, body });
    answers.push({ where, text: await response.text() });
    return response.status;
  };
  const sign = (body: string) => `sha256=${createHmac("sha256", PLANTED.signingSecret).update(body).digest("hex")}`;
  for (const { probe, id } of probed) {
    const body = JSON.stringify({ name: `Order for ${probe.name}` });
    const kinds: EnvironmentKind[] = probe.production ? ["development", "production"] : ["development"];
    for (const kind of kinds) expect(await post(`Webhook to ${probe.name} (${kind})`, webhookToken(id, kind), body, sign(body))).toBe(202);
  }
  expect(await post("Webhook with a wrong signature", webhookToken(probed[0].id, "development"), "{}", sign("another body"))).toBe(401);
  await runsFinished();
  for (const { probe, id } of probed) {
    const statuses = getDb().select({ status: runs.status }).from(runs).where(eq(runs.integrationId, id)).all().map((run) => run.status);
    expect(statuses, probe.name).toEqual(probe.production ? [probe.outcome, probe.outcome] : [probe.outcome]);
  }
}

/** Test connection on every connection of A, and the editor's Test of every probe. */
async function testEverything({ w, admin, act }: Session, probed: Probed[]): Promise<void> {
  for (const connection of getDb().select().from(connections).where(inArray(connections.environmentId, [w.a.prod.id, w.a.dev.id])).all()) {
    const env = connection.environmentId === w.a.prod.id ? "production" : "development";
    await act(`Test ${connection.name} (${env})`, `${CONNECTION_ACTIONS}#testConnectionAction`, [{ env, appId: w.a.appId, connectionId: connection.id }, {}]);
  }
  for (const { probe, id } of probed) {
    const { definition } = getIntegration(admin, id);
    await act(`Test ${probe.name} in the editor`, "app/(app)/apps/[appId]/builder/integrations/actions.ts#testIntegrationAction", [w.a.appId, id, definition, { sample: '{"body": {"name": "Tested"}}' }]);
  }
}

/** Builds it all; returns what the server answered along the way, to be scanned with the rest. */
export async function secretsWorld(w: AccessWorld, remotes: Remotes, instanceDomain: string): Promise<Scanned[]> {
  const session = adminSession(w);
  const { probed } = await buildInDevelopment(session, remotes, instanceDomain);
  await goLive(session, probed);
  await runEverything(session, probed);
  await testEverything(session, probed);
  return session.answers;
}
