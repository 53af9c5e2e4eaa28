import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, connections, integrations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { definitionSchema } from "@/lib/integrations/definition";
import { exportFileName, exportIntegrations, importIntegrations } from "@/lib/integrations/export";
import { errorOf, newAccount, newBoard, newUser } from "../support/fixtures";
import { devConnection, devIntegration, emailStep, formatterStep, webhookTrigger } from "./support";

let acme: { admin: Actor; accountId: string };
let appId: string;
let mailerId: string;

beforeEach(async () => {
  acme = await newAccount("Acme");
  appId = newBoard(acme.admin).app.id;
  mailerId = devConnection(acme.admin, "Mailer").id;
  // Credentials that must never leave.
  getDb().update(connections).set({ credentials: "v1:secret-ciphertext-of-the-mailer", status: "connected", authenticatedAt: Date.now() }).where(eq(connections.id, mailerId)).run();
  const hook = devConnection(acme.admin, "Signed hook", "webhook");
  devIntegration(acme.admin, appId, { name: "Mail new orders", definition: { trigger: webhookTrigger(hook.id), steps: [emailStep(mailerId), formatterStep()] } });
  devIntegration(acme.admin, appId, { name: "Old one", definition: { trigger: webhookTrigger(), steps: [] }, state: "archived" });
});

const integrationsOf = (id: string) => getDb().select().from(integrations).where(eq(integrations.appId, id)).all();
const devConnectionsOf = (accountId: string) => getDb().select().from(connections).where(eq(connections.environmentId, `${accountId}-dev`)).all();

describe("exporting", () => {
  it("writes names and definitions with connections by name and connector, and no secrets or IDs", () => {
    const file = exportIntegrations(acme.admin, appId);
    expect(file).toMatchObject({ format: "boardflow.integrations", version: 1, app: { name: "Orders" } });
    expect(file.integrations.map((i) => [i.name, i.state])).toEqual([
      ["Mail new orders", "active"],
      ["Old one", "archived"],
    ]);
    expect(file.integrations[0].definition.trigger).toEqual({ connectorKey: "webhook", triggerKey: "catch_webhook", connection: { name: "Signed hook", connectorKey: "webhook" }, options: {} });
    const { connectionId, ...step } = emailStep(mailerId);
    expect(connectionId).toBe(mailerId);
    expect(file.integrations[0].definition.steps[0]).toEqual({ ...step, connection: { name: "Mailer", connectorKey: "email" } });
    const json = JSON.stringify(file);
    for (const leak of ["secret-ciphertext", mailerId, acme.accountId, appId, "connectionId", "credentials"]) expect(json).not.toContain(leak);
  });

  it("names the file after the app, and lets members read it", async () => {
    expect(exportFileName("Orders & Invoices")).toBe("orders-invoices-integrations.json");
    expect(exportFileName("???")).toBe("app-integrations.json");
    const member = await newUser(acme.admin, "member");
    expect(exportIntegrations(member, appId).integrations).toHaveLength(2);
    const globex = await newAccount("Globex");
    expect(await errorOf(() => exportIntegrations(globex.admin, appId))).toBeInstanceOf(NotFoundError);
  });
});

describe("importing", () => {
  it("round-trips into another account: connections are created there unauthenticated, definitions point at them", async () => {
    const text = JSON.stringify(exportIntegrations(acme.admin, appId));
    const globex = await newAccount("Globex");
    const target = newBoard(globex.admin, "Orders copy").app.id;
    const result = importIntegrations(globex.admin, target, text);
    expect(result.imported.map((i) => i.name)).toEqual(["Mail new orders", "Old one"]);
    expect(result.connectionsMatched).toEqual([]);
    expect(result.connectionsCreated.sort()).toEqual(["Mailer", "Signed hook"]);

    const created = devConnectionsOf(globex.accountId);
    expect(created.map((c) => [c.name, c.connectorKey, c.credentials, c.status, c.authenticatedAt]).sort()).toEqual([
      ["Mailer", "email", null, "reauthentication_required", null],
      ["Signed hook", "webhook", null, "reauthentication_required", null],
    ]);
    const rows = integrationsOf(target);
    expect(rows.map((r) => [r.name, r.state])).toEqual([
      ["Mail new orders", "active"],
      ["Old one", "archived"],
    ]);
    const definition = definitionSchema.parse(rows.find((r) => r.name === "Mail new orders")!.definition);
    const mailer = created.find((c) => c.name === "Mailer")!;
    expect(definition.steps[0]).toEqual({ ...emailStep(mailerId), connectionId: mailer.id });
    // Exporting the copy gives the same file, apart from the time and the app's name.
    const again = exportIntegrations(globex.admin, target);
    expect(again.integrations).toEqual(JSON.parse(text).integrations);
  });

  it("matches connections by name and connector, and keeps names unique in the app", () => {
    const file = exportIntegrations(acme.admin, appId);
    const result = importIntegrations(acme.admin, appId, file);
    expect(result).toMatchObject({ connectionsCreated: [], connectionsMatched: ["Signed hook", "Mailer"] });
    expect(result.imported.map((i) => i.name)).toEqual(["Mail new orders (imported)", "Old one (imported)"]);
    expect(importIntegrations(acme.admin, appId, file).imported.map((i) => i.name)).toEqual(["Mail new orders (imported 2)", "Old one (imported 2)"]);
    const copy = definitionSchema.parse(integrationsOf(appId).find((r) => r.name === "Mail new orders (imported)")!.definition);
    expect(copy.steps[0].connectionId).toBe(mailerId);
    expect(devConnectionsOf(acme.accountId)).toHaveLength(2);
    const entry = getDb().select().from(auditLog).where(eq(auditLog.accountId, acme.accountId)).all().find((e) => e.action === "integrations.imported");
    expect(entry).toMatchObject({ subjectId: appId, detail: { appName: "Orders", count: 2, connectionsCreated: [] } });
  });

  it("refuses what is not an export of this product with a clear message, and writes nothing", async () => {
    const before = { rows: integrationsOf(appId).length, connections: devConnectionsOf(acme.accountId).length };
    const good = exportIntegrations(acme.admin, appId);
    const withId = structuredClone(good) as unknown as { integrations: { definition: { steps: Record<string, unknown>[] } }[] };
    withId.integrations[0].definition.steps[0].connectionId = "con_of_another_account";
    const unknownConnector = structuredClone(good);
    unknownConnector.integrations[0].definition.steps[1].connectorKey = "zapier";
    const wrongConnector = structuredClone(good);
    wrongConnector.integrations[0].definition.steps[0].connection = { name: "Mailer", connectorKey: "webhook" };
    const clash = structuredClone(good);
    clash.integrations[0].definition.steps[0].connection = { name: "Signed hook", connectorKey: "email" };
    const cases: [unknown, string][] = [
      ["{ not json", "The file is not valid JSON ("],
      ["", "Choose an integrations file (JSON) to import. Nothing was imported."],
      [JSON.stringify({ nodes: [], connections: {} }), 'This is not an integrations export of this product: its "format" should be "boardflow.integrations". Nothing was imported.'],
      ["[1, 2]", "This is not an integrations export of this product"],
      [{ ...good, version: 2 }, "This export is format version 2; this version of the product reads version 1. Nothing was imported."],
      [{ ...good, integrations: [{ name: "", definition: { trigger: null, steps: "no" } }] }, "The file is not a valid integrations export. integrations[0].name: Each integration needs a name.; integrations[0].definition.steps:"],
      [withId, 'The file is not a valid integrations export. integrations[0].definition.steps[0]: Unrecognized key: "connectionId"'],
      [unknownConnector, '"Mail new orders": its step "Format" uses the connector "zapier", which this instance does not have. Nothing was imported.'],
      [wrongConnector, '"Mail new orders": its step "Notify the team" uses the connection "Mailer" of another connector. Nothing was imported.'],
      [clash, 'The Development connection "Signed hook" is Webhook, but the file uses it for Email (SMTP): rename one of them. Nothing was imported.'],
      ["x".repeat(1024 * 1024 + 1), "The file is larger than 1 MiB. Nothing was imported."],
    ];
    for (const [input, message] of cases) {
      const error = await errorOf(() => importIntegrations(acme.admin, appId, input));
      expect(error, message).toBeInstanceOf(ValidationError);
      expect((error as Error).message, message).toContain(message);
    }
    expect({ rows: integrationsOf(appId).length, connections: devConnectionsOf(acme.accountId).length }).toEqual(before);
  });

  it("is for builders and admins", async () => {
    const member = await newUser(acme.admin, "member");
    expect(await errorOf(() => importIntegrations(member, appId, exportIntegrations(acme.admin, appId)))).toBeInstanceOf(ForbiddenError);
  });
});
