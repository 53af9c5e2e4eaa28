// The accounts the access-control suite works on, built once per test file through the services.
// Account A ("Acme") has an admin, a builder and a member; account B ("Globex") its own admin,
// who plays "another account" with A's IDs. A's app has a board deployed to Production with an
// item in each environment, a connection in each environment, a webhook integration with a run in
// each environment and an OAuth app. Their names are markers: text a page may show only to
// someone allowed to see it.
import { inArray } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { runs } from "@/db/schema";
import { createApp } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import { addField, createBoard } from "@/lib/boards/boards";
import { createConnection } from "@/lib/connections/create-connection";
import { createOAuthApp } from "@/lib/connections/oauth-apps";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { createItems } from "@/lib/items/items";
import { webhookToken } from "@/lib/webhooks/token";
import { keyFor } from "../support/api";
import { builtServerActions } from "../support/build-manifest";
import { callServerAction, type ActionAnswer } from "../support/server-actions";
import { eventually } from "../engine/support";
import { newAccount, newUser } from "../support/fixtures";
import { HttpSession } from "../support/http-session";
import { startServer, type TestServer } from "../support/server";
import { orders, ranAs, webhookIntegration } from "../runs/support";

export const ROLES = ["admin", "builder", "member", "signedOut", "otherAccount"] as const;
export type Role = (typeof ROLES)[number];

/** Distinctive text held by A's rows. */
export const MARK = {
  app: "Acme Orders",
  board: "Requests",
  prodItem: "Prod item Quokka",
  devItem: "Dev item Wombat",
  prodConnection: "Prod mailer Kestrel",
  devConnection: "Dev mailer Osprey",
  integration: "Order feed Pangolin",
  prodRun: "Prod run Narwhal",
  devRun: "Dev run Axolotl",
  oauthApp: "Acme CRM Tapir",
} as const;

/** The client secret of A's OAuth app. */
export const CRM_CLIENT_SECRET = "acme-crm-client-secret";

type Person = Actor & { email: string };

async function buildAccountA() {
  const { accountId, admin, email } = await newAccount("Acme");
  const builder = await newUser(admin, "builder");
  const member = await newUser(admin, "member");
  const app = createApp(admin, { name: MARK.app });
  const board = createBoard(admin, app.id, { name: MARK.board });
  addField(admin, board.id, { label: "Name", type: "text", required: true });
  const integration = webhookIntegration(admin, app.id, MARK.integration);
  deploy(builder, app.id);
  const prod = environmentOf(accountId, "production");
  const dev = environmentOf(accountId, "development");
  const [prodItem] = createItems(member, prod, board.id, [{ name: MARK.prodItem }]);
  const [devItem] = createItems(builder, dev, board.id, [{ name: MARK.devItem }]);
  const prodConnection = createConnection(admin, { name: MARK.prodConnection, connectorKey: "email", environment: "production" });
  const devConnection = createConnection(admin, { name: MARK.devConnection, connectorKey: "email", environment: "development" });
  const [prodRun] = ranAs(prod, integration.id, orders(MARK.prodRun), { status: "failed", error: "The remote answered 500." });
  const [devRun] = ranAs(dev, integration.id, orders(MARK.devRun), { status: "succeeded" });
  const oauthApp = createOAuthApp(admin, {
    name: MARK.oauthApp,
    authorizeUrl: "https://crm.acme.test/authorize",
    tokenUrl: "https://crm.acme.test/token",
    scopes: "read",
    clientId: "acme-crm",
    clientSecret: CRM_CLIENT_SECRET,
  });
  const oauthConnection = createConnection(admin, { name: "Acme CRM link", connectorKey: "oauth2", environment: "production", oauthAppId: oauthApp.id });
  return {
    accountId,
    people: { admin: { ...admin, email }, builder, member } satisfies Record<string, Person>,
    prod,
    dev,
    appId: app.id,
    boardId: board.id,
    prodItemId: prodItem.id,
    devItemId: devItem.id,
    prodConnectionId: prodConnection.id,
    devConnectionId: devConnection.id,
    integrationId: integration.id,
    prodRunId: prodRun,
    devRunId: devRun,
    oauthAppId: oauthApp.id,
    oauthConnectionId: oauthConnection.id,
    keys: { prod: keyFor(admin, "production"), dev: keyFor(admin, "development") },
    prodWebhookToken: webhookToken(integration.id, "production"),
    devWebhookToken: webhookToken(integration.id, "development"),
  };
}

async function buildAccountB() {
  const { accountId, admin, email } = await newAccount("Globex");
  const app = createApp(admin, { name: "Globex Ops" });
  const board = createBoard(admin, app.id, { name: "Tickets" });
  addField(admin, board.id, { label: "Title", type: "text" });
  deploy(admin, app.id);
  const [item] = createItems(admin, environmentOf(accountId, "production"), board.id, [{ title: "Globex ticket" }]);
  return { accountId, admin: { ...admin, email } satisfies Person, appId: app.id, boardId: board.id, itemId: item.id, prodKey: keyFor(admin, "production") };
}

export type Accounts = { a: Awaited<ReturnType<typeof buildAccountA>>; b: Awaited<ReturnType<typeof buildAccountB>> };

export type AccessWorld = Accounts & {
  /** Each role's session: signed in as that person, or not signed in at all. */
  browsers: Record<Role, HttpSession>;
};

/**
 * Both accounts, then the built server (started after them: their runs are ended by the test, and
 * a running engine would take them up first), and a session for each role.
 */
export async function accessWorld(server: Parameters<typeof startServer>[0]): Promise<{ server: TestServer; w: AccessWorld }> {
  const a = await buildAccountA();
  const b = await buildAccountB();
  const started = await startServer(server);
  return { server: started, w: await withSessions({ a, b }, started.url) };
}

async function withSessions(accounts: Accounts, url: string): Promise<AccessWorld> {
  const { a, b } = accounts;
  const signedIn = async (email: string) => {
    const session = new HttpSession(url);
    if (!(await session.signIn(email))) throw new Error(`${email} could not sign in.`);
    return session;
  };
  const [admin, builder, member, otherAccount] = await Promise.all([a.people.admin, a.people.builder, a.people.member, b.admin].map((person) => signedIn(person.email)));
  return { ...accounts, browsers: { admin, builder, member, signedOut: new HttpSession(url), otherAccount } };
}

const actionsOfBuild = new Map(builtServerActions().map((action) => [action.name, action]));

/**
 * Calls a server action of the build (`<file>#<export>`) as `role`, from a page that offers it:
 * the one with the shortest address, on A's app and board.
 */
export function callAction(w: AccessWorld, role: Role, name: string, args: unknown[]): Promise<ActionAnswer> {
  const action = actionsOfBuild.get(name);
  if (!action) throw new Error(`The build has no server action ${name}.`);
  const [route] = [...action.pages].sort((a, b) => a.length - b.length);
  return callServerAction(w.browsers[role], action, route.replace("[appId]", w.a.appId).replace("[boardId]", w.a.boardId), args);
}

/** A form's data, as the browser sends it. */
export function formData(fields: Record<string, string | Blob> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Waits until the server's engine has finished every run queued so far. */
export async function runsFinished(): Promise<void> {
  await eventually(() => expect(getDb().select({ id: runs.id }).from(runs).where(inArray(runs.status, ["queued", "running"])).all()).toEqual([]), 30_000);
}
