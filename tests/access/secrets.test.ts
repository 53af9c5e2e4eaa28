// No secret leaves the server: with connections of every kind authenticated and used for real
// (secrets-world.ts), every page each role can open, the run history CSV exports, the JSON
// exports, the REST API's answers (its refusals too), what the actions and webhooks answered
// and the server's whole output are searched for every secret in every form it could take.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { connections, integrations, runs } from "@/db/schema";
import { oauthRedirectUri } from "@/lib/connections/oauth-connect";
import { api } from "../support/api";
import { startEchoServer } from "../support/echo-server";
import { PASSWORD } from "../support/fixtures";
import { startOAuthServer } from "../support/oauth-server";
import { startResourceServer } from "../support/oauth-resource-server";
import { ownInstance, testPort, type TestServer } from "../support/server";
import { startSmtpServer } from "../support/smtp-server";
import { PAGE_TABLE } from "./page-table";
import { findSecrets, type Finding, type Scanned } from "./secret-scan";
import { OAUTH_CLIENT_ID, PLANTED, secretsWorld, SMTP_USER, type Remotes } from "./secrets-world";
import { accessWorld, CRM_CLIENT_SECRET, ROLES, type AccessWorld, type Role } from "./world";

const INSTANCE = ownInstance(3344);

let server: TestServer;
let w: AccessWorld;
let remotes: Remotes;
let stopRemotes: () => Promise<unknown>;
let answers: Scanned[];

beforeAll(async () => {
  ({ server, w } = await accessWorld({ port: INSTANCE.port, keepOutput: true, env: { ...INSTANCE.env, ALLOW_PRIVATE_NETWORK: "true", RUN_RETRY_BASE_MS: "50" } }));
  const smtpPort = testPort(3595);
  const [echo, smtp, provider] = await Promise.all([
    startEchoServer(testPort(3594)),
    startSmtpServer({ port: smtpPort, user: SMTP_USER, password: PLANTED.smtpPassword }),
    startOAuthServer({ port: testPort(3696), clients: [{ client_id: OAUTH_CLIENT_ID, client_secret: PLANTED.oauthClientSecret, redirect_uris: [oauthRedirectUri()] }] }),
  ]);
  const resource = await startResourceServer({ port: testPort(3697), introspect: (token) => provider.introspect(token) });
  remotes = { echo, smtpPort, provider, resource };
  stopRemotes = () => Promise.all([echo.stop(), smtp.stop(), provider.stop(), resource.stop()]);
  answers = await secretsWorld(w, remotes, INSTANCE.domain);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), stopRemotes?.()]);
});

/** Every secret in play, by name: the planted ones, passwords, access keys, and every token the provider issued. */
function secrets(): Record<string, string> {
  const tokens = remotes.provider.issuedTokens().map((token, index) => [`OAuth token ${index + 1}`, token]);
  return {
    ...PLANTED,
    userPassword: PASSWORD,
    productionAccessKey: w.a.keys.prod.secret,
    developmentAccessKey: w.a.keys.dev.secret,
    otherAccountAccessKey: w.b.prodKey.secret,
    crmClientSecret: CRM_CLIENT_SECRET,
    ...Object.fromEntries(tokens),
  };
}

function scan(texts: Scanned[]): Finding[] {
  const all = secrets();
  return texts.flatMap(({ where, text }) => findSecrets(where, text, all));
}

async function fetched(role: Role, path: string): Promise<Scanned> {
  return { where: `${path} as ${role}`, text: await (await w.browsers[role].get(path)).text() };
}

describe("the scan", () => {
  it("finds a secret as is, URL-encoded, in hex and inside a Basic header", () => {
    const secret = { password: "s3cret pass/word+1=" };
    const basic = `Authorization: Basic ${Buffer.from(`ada:${secret.password}`).toString("base64")}`;
    expect(findSecrets("a", `?p=${encodeURIComponent(secret.password)} ${basic}`, secret).map((f) => f.form)).toEqual(["URL-encoded", "base64"]);
    expect(findSecrets("b", Buffer.from(secret.password).toString("hex"), secret).map((f) => f.form)).toEqual(["hex"]);
    expect(findSecrets("c", "s3cret pass", secret)).toEqual([]);
  });
});

describe("no secret leaves the server", () => {
  it("in any page, for any role", async () => {
    const app = `/apps/${w.a.appId}`;
    const inEnvironment = (environmentId: string) => (environmentId === w.a.prod.id ? `${app}/manage/integrations` : `${app}/builder`);
    const ofA = inArray(connections.environmentId, [w.a.prod.id, w.a.dev.id]);
    const detailPages = [
      ...getDb().select().from(connections).where(ofA).all().map((connection) => `${inEnvironment(connection.environmentId)}/connections/${connection.id}`),
      ...getDb().select().from(integrations).where(eq(integrations.appId, w.a.appId)).all().map((integration) => `${app}/builder/integrations/${integration.id}`),
      ...getDb().select().from(runs).where(eq(runs.appId, w.a.appId)).all().map((run) => `${inEnvironment(run.environmentId)}/runs/${run.id}`),
      `${app}/builder/deploy?preview=1`,
      `${app}/manage/integrations/runs?status=failed`,
      `${app}/builder/runs?status=failed`,
    ];
    const pages = await Promise.all([
      ...PAGE_TABLE.flatMap((row) => ROLES.map((role) => fetched(role, row.path(w)))),
      ...detailPages.flatMap((path) => (["admin", "member"] as const).map((role) => fetched(role, path))),
    ]);
    expect(scan(pages)).toEqual([]);
  });

  it("in the run history CSV exports, the integrations JSON export or the REST API", async () => {
    const app = `/apps/${w.a.appId}`;
    const exports = await Promise.all([`${app}/manage/integrations/runs/export`, `${app}/builder/runs/export`, `${app}/builder/deploy/export`].map((path) => fetched("admin", path)));
    const rest = async (where: string, key: { id: string; secret: string } | null, path: string) => ({ where, text: JSON.stringify((await api(server.url, key).get(path)).body) });
    const runIds = getDb().select({ id: runs.id, environmentId: runs.environmentId }).from(runs).where(eq(runs.appId, w.a.appId)).all();
    const answersOfApi = await Promise.all([
      rest("Production runs", w.a.keys.prod, `${w.a.prod.id}/runs?limit=100`),
      rest("Development runs", w.a.keys.dev, `${w.a.dev.id}/runs?limit=100`),
      ...runIds.map(({ id, environmentId }) => rest(`Run ${id}`, environmentId === w.a.prod.id ? w.a.keys.prod : w.a.keys.dev, `${environmentId}/runs/${id}`)),
      // Refusals of requests that carry a real secret.
      rest("A Development key on the Production Account ID", w.a.keys.dev, `${w.a.prod.id}/runs`),
      rest("A Production key on the Development Account ID", w.a.keys.prod, `${w.a.dev.id}/whoami`),
      rest("Account B's key on A's Account ID", w.b.prodKey, `${w.a.prod.id}/apps`),
      rest("A key with another's secret", { id: w.a.keys.prod.id, secret: w.a.keys.dev.secret }, `${w.a.prod.id}/apps`),
    ]);
    expect(scan([...exports, ...answersOfApi])).toEqual([]);
  });

  it("in what the server answered the actions and webhooks that used them", () => {
    expect(scan(answers)).toEqual([]);
  });

  it("in the server's output", () => {
    expect(server.output()).toMatch(/\S/);
    expect(scan([{ where: "the server's stdout and stderr", text: server.output() }])).toEqual([]);
  });
});
