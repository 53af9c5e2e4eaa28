// Every server action of the build: the arguments its page sends (bound ones first, then the
// form's previous state and data) on account A's rows, and the roles allowed to call it. Every
// other role is refused. An action that deletes or changes one thing gets a target made for the
// call, so an allowed call does not take away what later calls use.
import type { Actor } from "@/lib/auth/actor";
import { addField, createBoard } from "@/lib/boards/boards";
import { createConnection } from "@/lib/connections/create-connection";
import { createOAuthApp } from "@/lib/connections/oauth-apps";
import { createApp } from "@/lib/apps/apps";
import { listDeployments } from "@/lib/deploy/deploy";
import { createItems } from "@/lib/items/items";
import { exportIntegrations } from "@/lib/integrations/export";
import { archiveIntegration, createIntegration, getIntegration } from "@/lib/integrations/integrations";
import { keyFor } from "../support/api";
import { newUser, PASSWORD } from "../support/fixtures";
import { formData, type AccessWorld, type Role } from "./world";

export type ActionRow = {
  /** `<file>#<export>`, as the build's server reference manifest names it. */
  action: string;
  args: (w: AccessWorld) => unknown[] | Promise<unknown[]>;
  allowed: readonly Role[];
};

const BUILDERS = ["admin", "builder"] as const;
const ACCOUNT_A = ["admin", "builder", "member"] as const;
/** Actions that name nothing of A's: another account's admin does them in their own account. */
const ADMINS_ANYWHERE = ["admin", "otherAccount"] as const;

/** useActionState's state before the call. */
const PREVIOUS = {};

let made = 0;
const unique = (what: string) => `${what} ${++made}`;
const admin = (w: AccessWorld): Actor => w.a.people.admin;

const production = (w: AccessWorld) => ({ env: "production" as const, appId: w.a.appId });
const oauthAppFields = (name: string) => ({
  name,
  authorizeUrl: "https://crm.acme.test/authorize",
  tokenUrl: "https://crm.acme.test/token",
  scopes: "read",
  clientId: "acme-crm",
});

const apps = "app/(app)/apps/actions.ts";
const items = "app/(app)/apps/[appId]/item-actions.ts";
const switches = "app/(app)/apps/[appId]/switch-actions.ts";
const connections = "app/(app)/apps/[appId]/connection-actions.ts";
const reruns = "app/(app)/apps/[appId]/run-actions.ts";
const builder = "app/(app)/apps/[appId]/builder/actions.ts";
const deploy = "app/(app)/apps/[appId]/builder/deploy/actions.ts";
const integrations = "app/(app)/apps/[appId]/builder/integrations/actions.ts";
const oauthApps = "app/(app)/settings/oauth-apps/actions.ts";
const security = "app/(app)/settings/security/actions.ts";
const users = "app/(app)/settings/users/actions.ts";

export const ACTION_TABLE: ActionRow[] = [
  { action: `${apps}#createAppAction`, args: () => [PREVIOUS, formData({ name: unique("New app") })], allowed: [...BUILDERS, "otherAccount"] },
  { action: `${apps}#renameAppAction`, args: (w) => [PREVIOUS, formData({ appId: w.a.appId, name: unique("Renamed app") })], allowed: BUILDERS },
  {
    action: `${apps}#deleteAppAction`,
    args: (w) => {
      const app = createApp(admin(w), { name: unique("Doomed app") });
      return [PREVIOUS, formData({ appId: app.id, confirm: app.name })];
    },
    allowed: BUILDERS,
  },
  {
    action: `${items}#createItemAction`,
    args: (w) => [{ ...production(w), boardId: w.a.boardId }, PREVIOUS, formData({ "field:name": unique("Item from the form") })],
    allowed: ACCOUNT_A,
  },
  {
    action: `${items}#updateItemAction`,
    args: (w) => [{ ...production(w), boardId: w.a.boardId, itemId: w.a.prodItemId }, PREVIOUS, formData({ "field:name": unique("Changed item") })],
    allowed: ACCOUNT_A,
  },
  {
    action: `${items}#deleteItemAction`,
    args: (w) => {
      const [item] = createItems(admin(w), w.a.prod, w.a.boardId, [{ name: unique("Doomed item") }]);
      return [{ ...production(w), boardId: w.a.boardId, itemId: item.id }, PREVIOUS, formData()];
    },
    allowed: ACCOUNT_A,
  },
  { action: "app/(app)/apps/[appId]/(production)/manage/integrations/all/actions.ts#turnOnAllReadyAction", args: (w) => [{ appId: w.a.appId }, PREVIOUS], allowed: BUILDERS },
  {
    action: `${switches}#switchIntegrationAction`,
    args: (w) => [{ ...production(w), integrationId: w.a.integrationId }, PREVIOUS, formData({ on: "false" })],
    allowed: BUILDERS,
  },
  {
    action: `${switches}#catchUpAction`,
    args: (w) => [{ ...production(w), integrationId: w.a.integrationId }, PREVIOUS, formData({ decision: "dismiss" })],
    allowed: BUILDERS,
  },
  {
    action: `${connections}#createConnectionAction`,
    args: (w) => [production(w), PREVIOUS, formData({ name: unique("New mailer"), connectorKey: "email" })],
    allowed: BUILDERS,
  },
  {
    action: `${connections}#authenticateConnectionAction`,
    args: (w) => [{ ...production(w), connectionId: w.a.prodConnectionId }, PREVIOUS, formData({ host: "127.0.0.1", port: "2525", from: "ops@acme.test" })],
    allowed: BUILDERS,
  },
  { action: `${connections}#testConnectionAction`, args: (w) => [{ ...production(w), connectionId: w.a.prodConnectionId }, PREVIOUS], allowed: BUILDERS },
  {
    action: `${connections}#deleteConnectionAction`,
    args: (w) => {
      const connection = createConnection(admin(w), { name: unique("Doomed mailer"), connectorKey: "email", environment: "production" });
      return [{ ...production(w), connectionId: connection.id }, PREVIOUS];
    },
    allowed: BUILDERS,
  },
  {
    action: `${reruns}#rerunRunAction`,
    args: (w) => [PREVIOUS, formData({ ...production(w), version: "original", runId: String(w.a.prodRunId) })],
    allowed: BUILDERS,
  },
  { action: `${reruns}#rerunFailedRunsAction`, args: (w) => [PREVIOUS, formData({ ...production(w), version: "latest" })], allowed: BUILDERS },
  { action: `${builder}#createBoardAction`, args: (w) => [PREVIOUS, formData({ appId: w.a.appId, name: unique("New board") })], allowed: BUILDERS },
  { action: `${builder}#renameBoardAction`, args: (w) => [PREVIOUS, formData({ appId: w.a.appId, boardId: w.a.boardId, name: unique("Renamed board") })], allowed: BUILDERS },
  {
    action: `${builder}#deleteBoardAction`,
    args: (w) => [PREVIOUS, formData({ appId: w.a.appId, boardId: createBoard(admin(w), w.a.appId, { name: unique("Doomed board") }).id })],
    allowed: BUILDERS,
  },
  {
    action: `${builder}#addFieldAction`,
    args: (w) => [PREVIOUS, formData({ appId: w.a.appId, boardId: w.a.boardId, label: unique("Field"), type: "text" })],
    allowed: BUILDERS,
  },
  {
    action: `${builder}#removeFieldAction`,
    args: (w) => [PREVIOUS, formData({ appId: w.a.appId, boardId: w.a.boardId, key: addField(admin(w), w.a.boardId, { label: unique("Doomed field"), type: "text" }).key })],
    allowed: BUILDERS,
  },
  { action: `${builder}#moveFieldAction`, args: (w) => [PREVIOUS, formData({ appId: w.a.appId, boardId: w.a.boardId, key: "name", direction: "down" })], allowed: BUILDERS },
  {
    action: `${deploy}#deployAction`,
    args: (w) => [{ appId: w.a.appId }, PREVIOUS, formData({ basedOn: String(listDeployments(admin(w), w.a.appId)[0].number) })],
    allowed: BUILDERS,
  },
  {
    action: `${deploy}#importIntegrationsAction`,
    args: (w) => [{ appId: w.a.appId }, PREVIOUS, formData({ file: new File([JSON.stringify(exportIntegrations(admin(w), w.a.appId))], "integrations.json", { type: "application/json" }) })],
    allowed: BUILDERS,
  },
  { action: `${integrations}#createIntegrationAction`, args: (w) => [PREVIOUS, formData({ appId: w.a.appId, name: unique("New integration") })], allowed: BUILDERS },
  {
    action: `${integrations}#renameIntegrationAction`,
    args: (w) => [PREVIOUS, formData({ appId: w.a.appId, integrationId: w.a.integrationId, name: unique("Renamed integration") })],
    allowed: BUILDERS,
  },
  { action: `${integrations}#duplicateIntegrationAction`, args: (w) => [PREVIOUS, formData({ appId: w.a.appId, integrationId: w.a.integrationId })], allowed: BUILDERS },
  {
    action: `${integrations}#archiveIntegrationAction`,
    args: (w) => [PREVIOUS, formData({ appId: w.a.appId, integrationId: createIntegration(admin(w), w.a.appId, { name: unique("Doomed integration") }).id })],
    allowed: BUILDERS,
  },
  {
    action: `${integrations}#restoreIntegrationAction`,
    args: (w) => {
      const { id } = createIntegration(admin(w), w.a.appId, { name: unique("Archived integration") });
      archiveIntegration(admin(w), id);
      return [PREVIOUS, formData({ appId: w.a.appId, integrationId: id })];
    },
    allowed: BUILDERS,
  },
  {
    action: `${integrations}#saveDefinitionAction`,
    args: (w) => [w.a.appId, w.a.integrationId, getIntegration(admin(w), w.a.integrationId).definition],
    allowed: BUILDERS,
  },
  {
    action: `${integrations}#testIntegrationAction`,
    args: (w) => [w.a.appId, w.a.integrationId, getIntegration(admin(w), w.a.integrationId).definition, { sample: '{"body": {"name": "Tested"}}' }],
    allowed: BUILDERS,
  },
  {
    action: `${oauthApps}#createOAuthAppAction`,
    args: () => [PREVIOUS, formData({ ...oauthAppFields(unique("CRM")), clientSecret: "crm-client-secret" })],
    allowed: ADMINS_ANYWHERE,
  },
  // An empty client secret keeps the stored one.
  { action: `${oauthApps}#updateOAuthAppAction`, args: (w) => [PREVIOUS, formData({ ...oauthAppFields(unique("CRM")), clientSecret: "", appId: w.a.oauthAppId })], allowed: ["admin"] },
  {
    action: `${oauthApps}#deleteOAuthAppAction`,
    args: (w) => [PREVIOUS, formData({ appId: createOAuthApp(admin(w), { ...oauthAppFields(unique("Doomed CRM")), clientSecret: "crm-client-secret" }).id })],
    allowed: ["admin"],
  },
  // Every user makes their own access keys, in their own account.
  { action: `${security}#createAccessKeyAction`, args: () => [PREVIOUS, formData({ environment: "production", name: unique("Key") })], allowed: [...ACCOUNT_A, "otherAccount"] },
  // A's admin's key: only its owner revokes it.
  { action: `${security}#revokeAccessKeyAction`, args: (w) => [PREVIOUS, formData({ keyId: keyFor(admin(w), "production").id })], allowed: ["admin"] },
  { action: `${security}#setAccountDomainAction`, args: () => [PREVIOUS, formData({ environment: "production", domain: "" })], allowed: ADMINS_ANYWHERE },
  {
    action: `${users}#addUserAction`,
    args: () => [PREVIOUS, formData({ name: "New person", email: `${unique("person").replace(" ", "-")}@acme.test`, role: "member", password: PASSWORD })],
    allowed: ADMINS_ANYWHERE,
  },
  { action: `${users}#changeRoleAction`, args: async (w) => [PREVIOUS, formData({ userId: (await newUser(admin(w), "member")).userId, role: "builder" })], allowed: ["admin"] },
  { action: `${users}#removeUserAction`, args: async (w) => [PREVIOUS, formData({ userId: (await newUser(admin(w), "member")).userId })], allowed: ["admin"] },
  // Signing up makes a new account: open to anyone.
  {
    action: "app/(auth)/create-account/actions.ts#createAccountAction",
    args: () => [PREVIOUS, formData({ companyName: unique("Startup"), name: "Founder", email: `${unique("founder").replace(" ", "-")}@startup.test`, password: PASSWORD })],
    allowed: ["admin", "builder", "member", "signedOut", "otherAccount"],
  },
];
