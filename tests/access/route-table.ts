// Every route handler of the build, each with the callers that matter to it and what it must
// answer them: the REST API to keys that may not use A's Account ID (none, a wrong secret,
// account B's, the other environment's) and to A's keys on B's or the other environment's IDs;
// the exports to each role's cookie; webhooks to addresses of another environment or
// integration; Connect now and its callback to another account; sign-in and health to anyone.
// A refused case is also checked to have written nothing (routes.test.ts).
import { expect } from "vitest";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { PENDING_AUTHORIZATION_COOKIE } from "@/lib/connections/oauth-state";
import type { AccessKeyPair } from "../support/api";
import { MARK, type AccessWorld, type Role } from "./world";

export type Answer = { status: number; headers: Headers; text: string };

export type RouteCase = {
  what: string;
  send: (w: AccessWorld) => Promise<Answer>;
  status: number;
  /** Whether the call may write (else the database must be the same after it). */
  writes?: boolean;
  /** More about the answer than its status. */
  check?: (answer: Answer, w: AccessWorld) => void;
};

export type RouteRow = { route: string; cases: RouteCase[] };

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function rest(w: AccessWorld, key: AccessKeyPair | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = key ? { "X-Access-Key-Id": key.id, "X-Access-Key-Secret": key.secret } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const url = new URL(`/api/v1/${path}`, w.browsers.signedOut.baseUrl);
  return answerOf(await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

const asRole = (role: Role, path: (w: AccessWorld) => string, init: RequestInit = { method: "GET" }) => async (w: AccessWorld) => answerOf(await w.browsers[role].send(path(w), init));

const CODES: Record<number, string> = { 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict" };

/** The API's error shape, with the code of its status. */
function apiError(answer: Answer): void {
  expect(JSON.parse(answer.text).error.code).toBe(CODES[answer.status]);
}

type RestTarget = {
  method?: string;
  /** The path after `/api/v1/`, for an Account ID of A (`w.a.prod.id` or `w.a.dev.id`). */
  path: (w: AccessWorld, accountId: string) => string;
  body?: unknown;
};

/** The callers who may not use A's Production Account ID, each refused before anything is read or written. */
function refusedKeys({ method = "GET", path, body }: RestTarget): RouteCase[] {
  const prod = (w: AccessWorld) => path(w, w.a.prod.id);
  return [
    { what: `${method} with no access key`, status: 401, send: (w) => rest(w, null, method, prod(w), body), check: apiError },
    { what: `${method} with a wrong secret`, status: 401, send: (w) => rest(w, { id: w.a.keys.prod.id, secret: "not-the-secret" }, method, prod(w), body), check: apiError },
    { what: `${method} with account B's key on A's Account ID`, status: 404, send: (w) => rest(w, w.b.prodKey, method, prod(w), body), check: apiError },
    { what: `${method} with a Development key on the Production Account ID`, status: 403, send: (w) => rest(w, w.a.keys.dev, method, prod(w), body), check: apiError },
    { what: `${method} with a Production key on the Development Account ID`, status: 403, send: (w) => rest(w, w.a.keys.prod, method, path(w, w.a.dev.id), body), check: apiError },
  ];
}

/** A's own Production key. */
function ownKey({ method = "GET", path, body }: RestTarget, status: number, check?: RouteCase["check"]): RouteCase {
  return { what: `${method} with A's Production key`, status, writes: method !== "GET", send: (w) => rest(w, w.a.keys.prod, method, path(w, w.a.prod.id), body), check };
}

/** A's own key on an ID that is not A's (account B's) or not this environment's. */
function foreignId(what: string, path: (w: AccessWorld) => string, method = "GET", body?: unknown): RouteCase {
  return { what: `${method} with A's Production key on ${what}`, status: 404, send: (w) => rest(w, w.a.keys.prod, method, path(w), body), check: apiError };
}

/** A text of A's, or one that depends on the world's IDs. */
type Text = string | ((w: AccessWorld) => string);
const textOf = (text: Text, w: AccessWorld) => (typeof text === "string" ? text : text(w));
const shows = (...texts: Text[]) => (answer: Answer, w: AccessWorld) => {
  for (const text of texts) expect(answer.text).toContain(textOf(text, w));
};
const hides = (...texts: Text[]) => (answer: Answer, w: AccessWorld) => {
  for (const text of texts) expect(answer.text).not.toContain(textOf(text, w));
};
const both = (...checks: NonNullable<RouteCase["check"]>[]) => (answer: Answer, w: AccessWorld) => checks.forEach((check) => check(answer, w));

/** An export behind the session cookie: each role's answer. */
function exportCases(path: (w: AccessWorld) => string, statuses: Record<Role, number>, content: string): RouteCase[] {
  return (Object.entries(statuses) as [Role, number][]).map(([role, status]) => ({
    what: `${role}'s cookie`,
    status,
    send: asRole(role, path),
    check: status === 200 ? shows(content) : both(hides(content), (answer) => expect(JSON.parse(answer.text).error.message).toMatch(/\.$/)),
  }));
}

const item = { name: "Made through the API" };

const hook = (token: (w: AccessWorld) => string) => async (w: AccessWorld) =>
  answerOf(await fetch(new URL(`/api/hooks/${token(w)}`, w.browsers.signedOut.baseUrl), { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"name":"Hooked"}' }));

const connectionsPage = (w: AccessWorld) => connectionsPath("production", w.a.appId);
const connectNow = (w: AccessWorld) => `/api/oauth/start?${new URLSearchParams({ connectionId: w.a.oauthConnectionId, returnTo: connectionsPage(w) })}`;

/** The provider's answer to Connect now pressed by A's builder, brought to the callback by `role`. */
const callbackAs = (role: Role) => async (w: AccessWorld) => {
  await (await w.browsers.builder.get(connectNow(w))).body?.cancel();
  w.browsers[role].cookies.set(PENDING_AUTHORIZATION_COOKIE, w.browsers.builder.cookies.get(PENDING_AUTHORIZATION_COOKIE)!);
  return answerOf(await w.browsers[role].get("/api/oauth/callback?code=from-the-provider&state=from-the-provider"));
};

/** Sent back to `path` with the reason, and no sign-in attempt kept. */
const backWithError = (path: (w: AccessWorld) => string, error: string) => (answer: Answer, w: AccessWorld) => {
  const location = new URL(answer.headers.get("location")!);
  expect(location.pathname).toBe(path(w));
  expect(location.searchParams.get("oauth_error")).toBe(error);
  expect(answer.headers.getSetCookie().some((line) => line.startsWith(`${PENDING_AUTHORIZATION_COOKIE}=`) && !/max-age=0/i.test(line))).toBe(false);
};

const PERSON: Record<Exclude<Role, "signedOut">, (w: AccessWorld) => string> = {
  admin: (w) => w.a.people.admin.email,
  builder: (w) => w.a.people.builder.email,
  member: (w) => w.a.people.member.email,
  otherAccount: (w) => w.b.admin.email,
};

/** A read of A's data: refused to the wrong keys, answered to A's own. */
const reading = (path: RestTarget["path"], check: RouteCase["check"], ...more: RouteCase[]): RouteCase[] => [...refusedKeys({ path }), ownKey({ path }, 200, check), ...more];

/** A's item in the environment of the Account ID. */
const itemIn = (w: AccessWorld, accountId: string) => `${accountId}/items/${accountId === w.a.prod.id ? w.a.prodItemId : w.a.devItemId}`;

export const ROUTE_TABLE: RouteRow[] = [
  { route: "/api/v1/[accountId]/whoami", cases: reading((_w, id) => `${id}/whoami`, shows((w) => w.a.people.admin.email)) },
  { route: "/api/v1/[accountId]/apps", cases: reading((_w, id) => `${id}/apps`, both(shows(MARK.app), hides("Globex Ops"))) },
  {
    route: "/api/v1/[accountId]/apps/[appId]",
    cases: reading((w, id) => `${id}/apps/${w.a.appId}`, shows(MARK.app), foreignId("B's app", (w) => `${w.a.prod.id}/apps/${w.b.appId}`)),
  },
  {
    route: "/api/v1/[accountId]/apps/[appId]/boards",
    cases: reading((w, id) => `${id}/apps/${w.a.appId}/boards`, shows(MARK.board), foreignId("B's app", (w) => `${w.a.prod.id}/apps/${w.b.appId}/boards`)),
  },
  {
    route: "/api/v1/[accountId]/boards/[boardId]",
    cases: reading((w, id) => `${id}/boards/${w.a.boardId}`, shows(MARK.board), foreignId("B's board", (w) => `${w.a.prod.id}/boards/${w.b.boardId}`)),
  },
  {
    route: "/api/v1/[accountId]/boards/[boardId]/items",
    cases: [
      ...refusedKeys({ path: (w, id) => `${id}/boards/${w.a.boardId}/items` }),
      ...refusedKeys({ method: "POST", path: (w, id) => `${id}/boards/${w.a.boardId}/items`, body: item }),
      ownKey({ path: (w, id) => `${id}/boards/${w.a.boardId}/items` }, 200, both(shows(MARK.prodItem), hides(MARK.devItem))),
      ownKey({ method: "POST", path: (w, id) => `${id}/boards/${w.a.boardId}/items`, body: item }, 201),
      foreignId("B's board", (w) => `${w.a.prod.id}/boards/${w.b.boardId}/items`),
      foreignId("B's board", (w) => `${w.a.prod.id}/boards/${w.b.boardId}/items`, "POST", { title: "Not in B" }),
    ],
  },
  {
    route: "/api/v1/[accountId]/items/[itemId]",
    cases: [
      ...reading(itemIn, shows(MARK.prodItem)),
      ...refusedKeys({ method: "PATCH", path: itemIn, body: { name: "Changed" } }),
      ...refusedKeys({ method: "DELETE", path: itemIn }),
      foreignId("B's item", (w) => `${w.a.prod.id}/items/${w.b.itemId}`),
      foreignId("B's item", (w) => `${w.a.prod.id}/items/${w.b.itemId}`, "PATCH", { title: "Changed" }),
      foreignId("B's item", (w) => `${w.a.prod.id}/items/${w.b.itemId}`, "DELETE"),
      foreignId("the Development item", (w) => `${w.a.prod.id}/items/${w.a.devItemId}`),
    ],
  },
  {
    route: "/api/v1/[accountId]/runs",
    cases: reading((_w, id) => `${id}/runs`, both(shows(MARK.prodRun), hides(MARK.devRun)), foreignId("B's app", (w) => `${w.a.prod.id}/runs?appId=${w.b.appId}`)),
  },
  {
    route: "/api/v1/[accountId]/runs/[runId]",
    cases: reading(
      (w, id) => `${id}/runs/${id === w.a.prod.id ? w.a.prodRunId : w.a.devRunId}`,
      shows(MARK.prodRun),
      foreignId("the Development run", (w) => `${w.a.prod.id}/runs/${w.a.devRunId}`),
    ),
  },
  {
    // Any other path under an Account ID: a JSON 404 that says nothing about the account.
    route: "/api/v1/[accountId]/[[...path]]",
    cases: [
      { what: "no access key", status: 404, send: (w) => rest(w, null, "GET", `${w.a.prod.id}/no-such-endpoint`), check: apiError },
      { what: "account B's key", status: 404, send: (w) => rest(w, w.b.prodKey, "POST", `${w.a.prod.id}/no-such-endpoint`, {}), check: apiError },
    ],
  },
  {
    route: "/apps/[appId]/manage/integrations/runs/export",
    cases: exportCases((w) => `/apps/${w.a.appId}/manage/integrations/runs/export`, { admin: 200, builder: 200, member: 200, signedOut: 401, otherAccount: 404 }, MARK.prodRun),
  },
  {
    route: "/apps/[appId]/builder/runs/export",
    cases: exportCases((w) => `/apps/${w.a.appId}/builder/runs/export`, { admin: 200, builder: 200, member: 403, signedOut: 401, otherAccount: 404 }, MARK.devRun),
  },
  {
    route: "/apps/[appId]/builder/deploy/export",
    cases: exportCases((w) => `/apps/${w.a.appId}/builder/deploy/export`, { admin: 200, builder: 200, member: 403, signedOut: 401, otherAccount: 404 }, MARK.integration),
  },
  {
    route: "/api/health",
    cases: [{ what: "anyone", status: 200, send: asRole("signedOut", () => "/api/health"), check: (answer) => expect(JSON.parse(answer.text)).toEqual({ status: "ok" }) }],
  },
  {
    // The process's state and the whole instance's queue depth: no account's data.
    route: "/api/health/ready",
    cases: [
      {
        what: "anyone",
        status: 200,
        send: asRole("signedOut", () => "/api/health/ready"),
        check: (answer) => expect(Object.keys(JSON.parse(answer.text)).sort()).toEqual(["database", "engine", "migrations", "queue", "ready", "scheduler"]),
      },
    ],
  },
  {
    // Instance-wide counts by route pattern, environment and status: no account's data. Without
    // METRICS_TOKEN (as here) anyone may scrape; tests/observability/metrics.test.ts sets one.
    route: "/metrics",
    cases: [{ what: "anyone", status: 200, send: asRole("signedOut", () => "/metrics"), check: (answer) => expect(answer.text).toContain("# TYPE boardflow_http_requests_total counter") }],
  },
  {
    route: "/api/auth/[...nextauth]",
    cases: [
      ...(Object.entries(PERSON) as [keyof typeof PERSON, (w: AccessWorld) => string][]).map(([role, email]) => ({
        what: `${role}'s session`,
        status: 200,
        send: asRole(role, () => "/api/auth/session"),
        check: (answer: Answer, w: AccessWorld) => expect(JSON.parse(answer.text).user.email).toBe(email(w)),
      })),
      { what: "no session", status: 200, send: asRole("signedOut", () => "/api/auth/session"), check: (answer) => expect(JSON.parse(answer.text)).toEqual({}) },
      {
        what: "a wrong password",
        status: 401,
        // The failure is counted against the email (sign-in lockout).
        writes: true,
        send: async (w) => {
          const { csrfToken } = JSON.parse((await asRole("signedOut", () => "/api/auth/csrf")(w)).text) as { csrfToken: string };
          const body = new URLSearchParams({ email: w.a.people.admin.email, password: "not the password", csrfToken, json: "true" });
          return asRole("signedOut", () => "/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body })(w);
        },
        check: (answer) => expect(answer.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token="))).toBe(false),
      },
    ],
  },
  {
    route: "/api/hooks/[token]",
    cases: [
      {
        what: "the Development address of an integration On in Development",
        status: 202,
        writes: true,
        send: hook((w) => w.a.devWebhookToken),
        check: (answer) => expect(JSON.parse(answer.text).runs).toBe(1),
      },
      { what: "the Production address while it is Off there", status: 409, send: hook((w) => w.a.prodWebhookToken), check: apiError },
      { what: "the Development address turned into the Production one", status: 404, send: hook((w) => w.a.devWebhookToken.replace(".d.", ".p.")), check: apiError },
      { what: "another integration's ID with this address's signature", status: 404, send: hook((w) => w.a.devWebhookToken.replace(w.a.integrationId, "int_another")), check: apiError },
      { what: "a GET", status: 405, send: asRole("signedOut", (w) => `/api/hooks/${w.a.devWebhookToken}`) },
    ],
  },
  {
    route: "/api/oauth/start",
    cases: [
      {
        what: "no session",
        status: 302,
        send: asRole("signedOut", connectNow),
        check: (answer, w) => {
          const location = new URL(answer.headers.get("location")!);
          expect(location.pathname + location.search).toBe(`/sign-in?callbackUrl=${encodeURIComponent(connectionsPage(w))}`);
        },
      },
      { what: "account B's admin on A's connection", status: 404, send: asRole("otherAccount", connectNow), check: apiError },
      { what: "a member", status: 302, send: asRole("member", connectNow), check: backWithError(connectionsPage, "Only a builder or an admin can authenticate connections.") },
      {
        what: "a builder",
        status: 302,
        send: asRole("builder", connectNow),
        check: (answer) => {
          expect(answer.headers.get("location")).toMatch(/^https:\/\/crm\.acme\.test\/authorize\?/);
          expect(answer.headers.getSetCookie().some((line) => line.startsWith(`${PENDING_AUTHORIZATION_COOKIE}=`))).toBe(true);
        },
      },
    ],
  },
  {
    route: "/api/oauth/callback",
    cases: [
      { what: "account B's admin with A's sign-in", status: 302, send: callbackAs("otherAccount"), check: backWithError(connectionsPage, "The connection was not found.") },
      { what: "a member with a builder's sign-in", status: 302, send: callbackAs("member"), check: backWithError(connectionsPage, "Only a builder or an admin can authenticate connections.") },
      {
        what: "someone signed out with a builder's sign-in",
        status: 302,
        send: callbackAs("signedOut"),
        check: backWithError(connectionsPage, "You were signed out before the provider sent you back: sign in, then use Connect now again."),
      },
      {
        what: "no sign-in attempt",
        status: 302,
        send: asRole("admin", () => "/api/oauth/callback?code=guessed&state=guessed"),
        check: backWithError(() => "/apps", "No sign-in attempt is in progress in this browser; start again with Connect now."),
      },
    ],
  },
];
