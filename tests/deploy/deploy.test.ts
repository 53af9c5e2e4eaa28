import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, connections, deployments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { getConnection } from "@/lib/connections/connection-view";
import { createConnection } from "@/lib/connections/create-connection";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { DEPLOYED_MESSAGE } from "@/lib/connections/mark-reauthentication-required";
import { DEPLOY_IN_PROGRESS, deploy, deployedOffReason, listDeployments, previewDeployment } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { connectionIdsOf, definitionSchema } from "@/lib/integrations/definition";
import { turnOn } from "@/lib/integrations/production-switch";
import { errorOf, newAccount, newBoard, newUser } from "../support/fixtures";
import {
  connectionRow,
  connectionsOf,
  deleteDevIntegration,
  devConnection,
  devIntegration,
  emailStep,
  formatterStep,
  productionRow,
  productionRowsOf,
  updateDevIntegration,
  webhookTrigger,
} from "./support";

let admin: Actor;
let accountId: string;
let appId: string;
let boardId: string;
let prodEnvId: string;

beforeEach(async () => {
  ({ admin, accountId } = await newAccount());
  ({ app: { id: appId }, board: { id: boardId } } = newBoard(admin));
  prodEnvId = environmentOf(accountId, "production").id;
});

/** An integration with no connection at all: it can be turned on right after a deployment. */
const noConnection = (name = "Shout") => devIntegration(admin, appId, { name, definition: { trigger: webhookTrigger(), steps: [formatterStep()] } });
const mailing = (connectionId: string, name = "Mail new orders") => devIntegration(admin, appId, { name, definition: { trigger: webhookTrigger(), steps: [emailStep(connectionId)] } });

describe("previewing a deployment", () => {
  it("lists the integrations it adds and the Production connections that will need authentication", () => {
    const mailer = devConnection(admin, "Mailer");
    const a = mailing(mailer.id);
    const b = noConnection();
    const preview = previewDeployment(admin, appId);
    expect(preview).toMatchObject({ basedOn: 0, nextNumber: 1, problems: [] });
    expect(preview.summary.added).toEqual([{ id: a.id, name: a.name }, { id: b.id, name: b.name }]);
    expect(preview.summary).toMatchObject({ changed: [], removed: [], archived: [] });
    expect(preview.summary.connections).toEqual([
      { name: "Mailer", connector: expect.objectContaining({ key: "email", name: "Email (SMTP)" }), productionConnectionId: expect.any(String), created: true, usedBy: ["Mail new orders"] },
    ]);
    // A preview writes nothing.
    expect(deploymentCount()).toBe(0);
    expect(connectionsOf(prodEnvId)).toEqual([]);
  });

  it("lists only the board's first deployment for an app without integrations, and is readable by members", async () => {
    const member = await newUser(admin, "member");
    const preview = previewDeployment(member, appId);
    expect(preview.summary).toEqual({
      added: [],
      changed: [],
      removed: [],
      archived: [],
      unchanged: [],
      connections: [],
      boards: [{ id: boardId, name: "Orders", firstDeployment: true, added: [], removed: [], changed: [], reordered: false }],
      boardsRemoved: [],
    });
  });

  it("uses the Production connection of the same name when there is one", () => {
    const mailer = devConnection(admin, "Mailer");
    const existing = createConnection(admin, { name: "Mailer", connectorKey: "email", environment: "production" });
    mailing(mailer.id);
    expect(previewDeployment(admin, appId).summary.connections).toEqual([expect.objectContaining({ name: "Mailer", productionConnectionId: existing.id, created: false })]);
  });

  it("says what changed, what was archived and what was removed since the last deployment", () => {
    const mailer = devConnection(admin, "Mailer");
    const renamed = noConnection("Old name");
    const edited = mailing(mailer.id);
    const archived = noConnection("To archive");
    const removed = noConnection("To remove");
    const same = noConnection("Same");
    deploy(admin, appId);
    updateDevIntegration(renamed.id, { name: "New name" });
    updateDevIntegration(edited.id, { definition: { trigger: webhookTrigger(), steps: [emailStep(mailer.id), formatterStep()] } });
    updateDevIntegration(archived.id, { state: "archived" });
    deleteDevIntegration(removed.id);
    noConnection("Brand new");
    // Archived before it was ever deployed: Production has nothing to archive, it is left out.
    devIntegration(admin, appId, { name: "Archived draft", definition: { trigger: null, steps: [] }, state: "archived" });

    const { summary, basedOn, nextNumber } = previewDeployment(admin, appId);
    expect({ basedOn, nextNumber }).toEqual({ basedOn: 1, nextNumber: 2 });
    expect(summary.added.map((i) => i.name)).toEqual(["Brand new"]);
    expect(summary.changed).toEqual([
      { id: renamed.id, name: "New name", previousName: "Old name", what: ["name"] },
      { id: edited.id, name: "Mail new orders", what: ["definition"] },
    ]);
    expect(summary.archived).toEqual([{ id: archived.id, name: "To archive" }]);
    expect(summary.removed).toEqual([{ id: removed.id, name: "To remove" }]);
    expect(summary.unchanged).toEqual([{ id: same.id, name: "Same" }]);
  });

  it("tells when a Development connection was renamed: the integration then uses another Production connection", () => {
    const mailer = devConnection(admin, "Mailer");
    const integration = mailing(mailer.id);
    deploy(admin, appId);
    getDb().update(connections).set({ name: "Mailer EU" }).where(eq(connections.id, mailer.id)).run();
    const { summary } = previewDeployment(admin, appId);
    expect(summary.changed).toEqual([{ id: integration.id, name: integration.name, what: ["definition"] }]);
    expect(summary.connections).toEqual([expect.objectContaining({ name: "Mailer EU", created: true })]);
  });

  it("reports what stops a deployment: a connection name that means another connector in Production", async () => {
    const mailer = devConnection(admin, "Orders API");
    createConnection(admin, { name: "Orders API", connectorKey: "http", environment: "production" });
    mailing(mailer.id);
    const preview = previewDeployment(admin, appId);
    expect(preview.problems).toEqual([
      'The Production connection "Orders API" is a HTTP request connection, but the Development one the integrations use is Email (SMTP): rename one of them so the name means one connector.',
    ]);
    const error = await errorOf(() => deploy(admin, appId));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('The Production connection "Orders API"');
    expect(deploymentCount()).toBe(0);
    expect(productionRowsOf(appId).length).toBe(0);
  });
});

describe("deploying", () => {
  it("numbers deployments per app and records who deployed, when, a snapshot and the summary", async () => {
    const builder = await newUser(admin, "builder");
    const integration = noConnection();
    const before = Date.now();
    const first = deploy(builder, appId);
    expect(first).toMatchObject({ number: 1, deployedBy: { id: builder.userId, name: "A builder" } });
    expect(first.deployedAt).toBeGreaterThanOrEqual(before);
    expect(first.summary.added).toEqual([{ id: integration.id, name: "Shout" }]);
    const second = deploy(admin, appId);
    expect(second.number).toBe(2);
    expect(second.summary.unchanged).toEqual([{ id: integration.id, name: "Shout" }]);
    // Another app counts from 1.
    const other = newBoard(admin, "Invoices").app;
    expect(deploy(admin, other.id).number).toBe(1);
    expect(listDeployments(admin, appId).map((d) => [d.number, d.deployedBy.name])).toEqual([
      [2, "Ada Admin"],
      [1, "A builder"],
    ]);
    const row = getDb().select().from(deployments).where(eq(deployments.id, first.id)).get()!;
    expect(row.snapshot).toEqual({ integrations: [{ id: integration.id, name: "Shout", state: "active", definition: integration.definition }], connections: [], boards: [{ id: boardId, name: "Orders", fields: [] }] });
  });

  it("makes deployment #1 of an app with no integrations", () => {
    const deployment = deploy(admin, appId);
    expect(deployment.number).toBe(1);
    expect(deployment.summary.added).toEqual([]);
  });

  it("creates Production counterparts of the Development connections used, without credentials, and remaps the definitions to them", async () => {
    const mailer = devConnection(admin, "Mailer");
    // The Development connection has credentials; they must not travel.
    getDb().update(connections).set({ credentials: "v1:development-ciphertext", status: "connected", authenticatedAt: Date.now() }).where(eq(connections.id, mailer.id)).run();
    const unused = devConnection(admin, "Unused");
    const integration = mailing(mailer.id);
    deploy(admin, appId);

    const prodConnections = connectionsOf(prodEnvId);
    expect(prodConnections).toHaveLength(1);
    const [counterpart] = prodConnections;
    expect(counterpart).toMatchObject({
      name: "Mailer",
      connectorKey: "email",
      credentials: null,
      status: "reauthentication_required",
      statusMessage: DEPLOYED_MESSAGE,
      authenticatedAt: null,
      authenticatedBy: null,
      lastTestedAt: null,
    });
    expect(counterpart.id).not.toBe(mailer.id);
    const definition = definitionSchema.parse(productionRow(integration.id)!.definition);
    expect(connectionIdsOf(definition)).toEqual([counterpart.id]);
    expect(definition.steps[0]).toEqual({ ...emailStep(mailer.id), connectionId: counterpart.id });
    // Development is untouched.
    expect(connectionRow(mailer.id)).toMatchObject({ credentials: "v1:development-ciphertext", status: "connected" });
    expect(connectionRow(unused.id)?.environmentId).toBe(`${accountId}-dev`);

    // A second deployment reuses the counterpart instead of making another.
    deploy(admin, appId);
    expect(connectionsOf(prodEnvId).map((c) => c.id)).toEqual([counterpart.id]);
  });

  it("counts deployed integrations as users of their Production connection, which then cannot be deleted", () => {
    const mailer = devConnection(admin, "Mailer");
    mailing(mailer.id);
    deploy(admin, appId);
    const [counterpart] = connectionsOf(prodEnvId);
    expect(getConnection(admin, counterpart.id).usedInCount).toBe(1);
    expect(() => deleteConnection(admin, counterpart.id)).toThrow(ConflictError);
    expect(connectionRow(counterpart.id)).toBeDefined();
  });

  it("turns every Production integration Off and every Production connection to Reauthentication required, after every deployment", async () => {
    const mailer = devConnection(admin, "Mailer");
    const shout = noConnection();
    const mail = mailing(mailer.id);
    // A Production connection no integration of this app uses is marked too: connections belong to the account.
    const other = createConnection(admin, { name: "Another app's API", connectorKey: "http", environment: "production" });
    for (const number of [1, 2, 3]) {
      // Whatever state Production is in before…
      turnOnIfPossible(shout.id);
      getDb().update(connections).set({ status: "connected", statusMessage: null }).where(eq(connections.environmentId, prodEnvId)).run();
      expect(productionRowsOf(appId).length).toBe(number === 1 ? 0 : 2);
      deploy(admin, appId);
      // …after the deployment everything is off and every connection must be authenticated again.
      const rows = productionRowsOf(appId);
      expect(rows.map((r) => [r.name, r.enabled, r.offReason]).sort()).toEqual(
        [
          [mail.name, false, deployedOffReason(number)],
          [shout.name, false, deployedOffReason(number)],
        ].sort(),
      );
      expect(connectionsOf(prodEnvId).map((c) => [c.name, c.status, c.statusMessage])).toEqual(
        expect.arrayContaining([
          ["Mailer", "reauthentication_required", DEPLOYED_MESSAGE],
          [other.name, "reauthentication_required", DEPLOYED_MESSAGE],
        ]),
      );
      expect(connectionsOf(prodEnvId)).toHaveLength(2);
    }
    expect(deployedOffReason(3)).toBe("Deployed version 3: turn it on again once its connections are authenticated.");
  });

  it("records who turned off an integration that was on", () => {
    const shout = noConnection();
    deploy(admin, appId);
    turnOn(admin, shout.id);
    const deployment = deploy(admin, appId);
    expect(productionRow(shout.id)).toMatchObject({ enabled: false, switchedBy: admin.userId, switchedAt: deployment.deployedAt });
  });

  it("applies changes: renames, new definitions, archived, restored and removed integrations, each with the version it runs", () => {
    const keep = noConnection("Keep");
    const rename = noConnection("Rename me");
    const archive = noConnection("Archive me");
    const remove = noConnection("Remove me");
    deploy(admin, appId);
    updateDevIntegration(rename.id, { name: "Renamed" });
    updateDevIntegration(archive.id, { state: "archived" });
    deleteDevIntegration(remove.id);
    deploy(admin, appId);
    expect(productionRow(keep.id)).toMatchObject({ name: "Keep", status: "live", deploymentNumber: 1 });
    expect(productionRow(rename.id)).toMatchObject({ name: "Renamed", status: "live", deploymentNumber: 2 });
    expect(productionRow(archive.id)).toMatchObject({ status: "archived", enabled: false, deploymentNumber: 2 });
    // Removed from Development: its Production row goes; the deployments keep its name and definition.
    expect(productionRow(remove.id)).toBeUndefined();
    expect(listDeployments(admin, appId)[0].summary.removed).toEqual([{ id: remove.id, name: "Remove me" }]);

    updateDevIntegration(archive.id, { state: "active" });
    const third = deploy(admin, appId);
    expect(third.summary.changed).toEqual([{ id: archive.id, name: "Archive me", what: ["restored"] }]);
    expect(productionRow(archive.id)).toMatchObject({ status: "live", deploymentNumber: 3 });
  });

  it("refuses an integration that uses a connection that is not a Development connection of the account", async () => {
    const production = createConnection(admin, { name: "Prod mailer", connectorKey: "email", environment: "production" });
    mailing(production.id, "Misconfigured");
    const error = await errorOf(() => deploy(admin, appId));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      `Nothing was deployed. "Misconfigured" uses a connection that is not one of this account's Development connections (it was deleted?): choose another in the app builder.`,
    );
    expect(deploymentCount()).toBe(0);
    expect(connectionRow(production.id)?.statusMessage).toBeNull();
  });

  it("refuses a second deployment based on the same preview: two at once make one deployment", async () => {
    noConnection();
    const { basedOn } = previewDeployment(admin, appId);
    const results = await Promise.allSettled([Promise.resolve().then(() => deploy(admin, appId, { basedOn })), Promise.resolve().then(() => deploy(admin, appId, { basedOn }))]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConflictError);
    expect(rejected[0].reason.message).toBe(`${DEPLOY_IN_PROGRESS}: version 1 was deployed while you reviewed the changes. Review them again, then deploy.`);
    expect(listDeployments(admin, appId).map((d) => d.number)).toEqual([1]);
  });

  it("is for builders and admins of the app's account", async () => {
    const member = await newUser(admin, "member");
    expect(await errorOf(() => deploy(member, appId))).toBeInstanceOf(ForbiddenError);
    const globex = await newAccount("Globex");
    expect(await errorOf(() => deploy(globex.admin, appId))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => previewDeployment(globex.admin, appId))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => listDeployments(globex.admin, appId))).toBeInstanceOf(NotFoundError);
    expect(deploymentCount()).toBe(0);
  });

  it("writes an audit entry naming the version and what changed", () => {
    const mailer = devConnection(admin, "Mailer");
    mailing(mailer.id);
    deploy(admin, appId);
    const entries = getDb().select().from(auditLog).where(eq(auditLog.accountId, accountId)).all().filter((e) => e.action === "deployment.created");
    expect(entries).toEqual([
      expect.objectContaining({
        actor: `user:${admin.userId}`,
        subjectType: "app",
        subjectId: appId,
        detail: { number: 1, appName: "Orders", added: 1, changed: 0, removed: 0, archived: 0, connectionsCreated: ["Mailer"], boardsChanged: ["Orders"], boardsRemoved: [] },
      }),
    ]);
  });
});

const deploymentCount = () => getDb().select().from(deployments).where(eq(deployments.appId, appId)).all().length;

function turnOnIfPossible(id: string) {
  if (productionRow(id)) turnOn(admin, id);
}
