// Every page of the build × every role: what the server must answer. One row per page (its route
// pattern, as the build names it), the address that opens it on account A's rows, the text it
// shows to those allowed (account A's data: `MARK`, IDs, emails), and the answer for each role.
import { MARK, type AccessWorld, type Role } from "./world";

export type PageAnswer =
  /** 200 with the page, its data in it. */
  | { kind: "shows" }
  /** 200 with an alert saying why not, and none of A's data. */
  | { kind: "refused"; alert: string }
  /** The 404 page, and none of A's data. */
  | { kind: "notFound" }
  /** To the sign-in page, before anything is rendered. */
  | { kind: "signIn" }
  /** A redirect somewhere else (a page that only forwards). */
  | { kind: "redirect"; to: (w: AccessWorld) => string }
  /** 200 with the role's own account's page (another account's admin on a page without IDs): none of A's data. */
  | { kind: "ownAccount" }
  /** An answer of Next.js itself, the same for everyone, with none of A's data. */
  | { kind: "status"; status: number };

export type PageRow = {
  route: string;
  path: (w: AccessWorld) => string;
  /** What the page shows those allowed, and hides from a role of A it refuses (others see none of `aData`). */
  data: (w: AccessWorld) => string[];
  answers: Record<Role, PageAnswer>;
};

const SHOWS: PageAnswer = { kind: "shows" };
const NOT_FOUND: PageAnswer = { kind: "notFound" };
const SIGN_IN: PageAnswer = { kind: "signIn" };
const OWN_ACCOUNT: PageAnswer = { kind: "ownAccount" };
const refused = (alert: string): PageAnswer => ({ kind: "refused", alert });
const redirect = (to: (w: AccessWorld) => string): PageAnswer => ({ kind: "redirect", to });
const sameForAll = (answer: PageAnswer): Record<Role, PageAnswer> => ({ admin: answer, builder: answer, member: answer, signedOut: answer, otherAccount: answer });

/** A page of one of A's apps: every role of A reads it; another account's admin gets a 404. */
const APP_PAGE: Record<Role, PageAnswer> = { admin: SHOWS, builder: SHOWS, member: SHOWS, signedOut: SIGN_IN, otherAccount: NOT_FOUND };
/** A page of A's app that only forwards its readers elsewhere. */
const forwards = (to: (w: AccessWorld) => string): Record<Role, PageAnswer> => ({ ...APP_PAGE, admin: redirect(to), builder: redirect(to), member: redirect(to) });
/** A page of the app builder: a member is shown the builder layout's refusal. */
const BUILDER_PAGE: Record<Role, PageAnswer> = { ...APP_PAGE, member: refused("Only builders and admins can open the app builder.") };
/** A settings page for admins; another account's admin sees their own account's. */
const adminSettings = (alert: string): Record<Role, PageAnswer> => ({ admin: SHOWS, builder: refused(alert), member: refused(alert), signedOut: SIGN_IN, otherAccount: OWN_ACCOUNT });

const app = (w: AccessWorld) => `/apps/${w.a.appId}`;
const builder = (w: AccessWorld) => `${app(w)}/builder`;
const manage = (w: AccessWorld) => `${app(w)}/manage/integrations`;

/** A's data that no page may show to someone signed out or of another account. */
export function aData(w: AccessWorld): string[] {
  return [...Object.values(MARK), w.a.accountId, w.a.people.admin.email, w.a.prodWebhookToken, w.a.devWebhookToken];
}

export const PAGE_TABLE: PageRow[] = [
  {
    route: "/",
    path: () => "/",
    data: () => [],
    answers: { admin: redirect(() => "/apps"), builder: redirect(() => "/apps"), member: redirect(() => "/apps"), signedOut: redirect(() => "/sign-in"), otherAccount: redirect(() => "/apps") },
  },
  { route: "/_global-error", path: () => "/_global-error", data: () => [], answers: sameForAll({ kind: "status", status: 500 }) },
  { route: "/_not-found", path: () => "/_not-found", data: () => [], answers: sameForAll(NOT_FOUND) },
  { route: "/sign-in", path: () => "/sign-in", data: () => ["Sign in"], answers: { ...sameForAll(redirect(() => "/apps")), signedOut: SHOWS } },
  // Signing up makes a new account, also for someone already signed in to one.
  { route: "/create-account", path: () => "/create-account", data: () => ["Create your account"], answers: sameForAll(SHOWS) },
  { route: "/apps", path: () => "/apps", data: () => [MARK.app], answers: { ...APP_PAGE, otherAccount: OWN_ACCOUNT } },
  {
    route: "/apps/[appId]",
    path: app,
    data: () => [],
    answers: forwards((w) => `${app(w)}/boards/${w.a.boardId}`),
  },
  { route: "/apps/[appId]/boards/[boardId]", path: (w) => `${app(w)}/boards/${w.a.boardId}`, data: () => [MARK.prodItem], answers: APP_PAGE },
  { route: "/apps/[appId]/boards/[boardId]/items/[itemId]", path: (w) => `${app(w)}/boards/${w.a.boardId}/items/${w.a.prodItemId}`, data: () => [MARK.prodItem], answers: APP_PAGE },
  {
    route: "/apps/[appId]/manage/integrations",
    path: manage,
    data: () => [],
    answers: forwards((w) => `${manage(w)}/all`),
  },
  { route: "/apps/[appId]/manage/integrations/all", path: (w) => `${manage(w)}/all`, data: (w) => [MARK.integration, w.a.prodWebhookToken], answers: APP_PAGE },
  { route: "/apps/[appId]/manage/integrations/connections", path: (w) => `${manage(w)}/connections`, data: () => [MARK.prodConnection], answers: APP_PAGE },
  {
    route: "/apps/[appId]/manage/integrations/connections/[connectionId]",
    path: (w) => `${manage(w)}/connections/${w.a.prodConnectionId}`,
    data: () => [MARK.prodConnection],
    // The credentials form: only those who may authenticate connections find it.
    answers: { ...APP_PAGE, member: NOT_FOUND },
  },
  { route: "/apps/[appId]/manage/integrations/runs", path: (w) => `${manage(w)}/runs`, data: () => [MARK.prodRun], answers: APP_PAGE },
  { route: "/apps/[appId]/manage/integrations/runs/[runId]", path: (w) => `${manage(w)}/runs/${w.a.prodRunId}`, data: () => [MARK.prodRun], answers: APP_PAGE },
  { route: "/apps/[appId]/builder", path: builder, data: () => [MARK.app, MARK.board], answers: BUILDER_PAGE },
  { route: "/apps/[appId]/builder/boards/[boardId]", path: (w) => `${builder(w)}/boards/${w.a.boardId}`, data: () => [MARK.devItem], answers: BUILDER_PAGE },
  { route: "/apps/[appId]/builder/boards/[boardId]/items/[itemId]", path: (w) => `${builder(w)}/boards/${w.a.boardId}/items/${w.a.devItemId}`, data: () => [MARK.devItem], answers: BUILDER_PAGE },
  { route: "/apps/[appId]/builder/connections", path: (w) => `${builder(w)}/connections`, data: () => [MARK.devConnection], answers: BUILDER_PAGE },
  { route: "/apps/[appId]/builder/connections/[connectionId]", path: (w) => `${builder(w)}/connections/${w.a.devConnectionId}`, data: () => [MARK.devConnection], answers: BUILDER_PAGE },
  // Its deployment history names the board whose fields were deployed.
  { route: "/apps/[appId]/builder/deploy", path: (w) => `${builder(w)}/deploy`, data: () => [MARK.board], answers: BUILDER_PAGE },
  { route: "/apps/[appId]/builder/integrations", path: (w) => `${builder(w)}/integrations`, data: () => [MARK.integration], answers: BUILDER_PAGE },
  {
    route: "/apps/[appId]/builder/integrations/[integrationId]",
    path: (w) => `${builder(w)}/integrations/${w.a.integrationId}`,
    data: (w) => [MARK.integration, MARK.devConnection, w.a.devWebhookToken],
    answers: BUILDER_PAGE,
  },
  { route: "/apps/[appId]/builder/runs", path: (w) => `${builder(w)}/runs`, data: () => [MARK.devRun], answers: BUILDER_PAGE },
  { route: "/apps/[appId]/builder/runs/[runId]", path: (w) => `${builder(w)}/runs/${w.a.devRunId}`, data: () => [MARK.devRun], answers: BUILDER_PAGE },
  // Every role has its own access keys and reads the Account IDs.
  { route: "/settings/security", path: () => "/settings/security", data: (w) => [w.a.accountId], answers: { ...APP_PAGE, otherAccount: OWN_ACCOUNT } },
  { route: "/settings/users", path: () => "/settings/users", data: () => ["Role of A builder", "Role of A member"], answers: adminSettings("Only admins can manage the account's users.") },
  { route: "/settings/oauth-apps", path: () => "/settings/oauth-apps", data: () => [MARK.oauthApp], answers: adminSettings("Only admins can manage the account's OAuth apps.") },
  // The instance's backups: for admins, of any account.
  { route: "/settings/backups", path: () => "/settings/backups", data: () => ["Take a backup"], answers: adminSettings("Only admins can see backups.") },
  // The deployment is recorded with the app's name.
  { route: "/settings/audit", path: () => "/settings/audit", data: () => [MARK.app], answers: adminSettings("Only admins can read the audit log.") },
];
