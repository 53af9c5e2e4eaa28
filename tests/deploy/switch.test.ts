// The On/Off switch against a connection that really authenticates: a loopback SMTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { deploy, deployedOffReason } from "@/lib/deploy/deploy";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { listProductionIntegrations } from "@/lib/integrations/production-integrations";
import { turnOff, turnOn, turnOnAllReady } from "@/lib/integrations/production-switch";
import { errorOf, newAccount, newBoard, newUser } from "../support/fixtures";
import { testPort } from "../support/server";
import { startSmtpServer } from "../support/smtp-server";
import { devConnection, devIntegration, emailStep, formatterStep, productionRow, updateDevIntegration, webhookTrigger } from "./support";

const SMTP_PORT = testPort(3580);
const USER = "mailer@acme.test";
const PASSWORD = "smtp-pass-123";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  smtp = await startSmtpServer({ port: SMTP_PORT, user: USER, password: PASSWORD });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp?.stop();
});

const smtpCredentials = (password = PASSWORD) => ({ host: "127.0.0.1", port: String(SMTP_PORT), secure: false, user: USER, password, from: `Acme <${USER}>` });

let admin: Actor;
let appId: string;
let mail: ReturnType<typeof devIntegration>;
let shout: ReturnType<typeof devIntegration>;

beforeEach(async () => {
  ({ admin } = await newAccount());
  appId = newBoard(admin).app.id;
  const mailer = devConnection(admin, "Mailer");
  mail = devIntegration(admin, appId, { name: "Mail new orders", definition: { trigger: webhookTrigger(), steps: [emailStep(mailer.id)] } });
  shout = devIntegration(admin, appId, { name: "Shout", definition: { trigger: webhookTrigger(), steps: [formatterStep()] } });
});

/** The Production counterpart of "Mailer", made by the deployment. */
const productionMailer = () => goLiveChecklist(admin, appId).connections.find((c) => c.name === "Mailer")!.id;

async function refusal(integrationId: string): Promise<string> {
  const error = await errorOf(() => turnOn(admin, integrationId));
  expect(error).toBeInstanceOf(ConflictError);
  return (error as Error).message;
}

describe("turning a Production integration on", () => {
  it("is refused until its connection is authenticated with Production credentials, then allowed", async () => {
    deploy(admin, appId);
    expect(await refusal(mail.id)).toBe("Mail new orders cannot be turned on. Mailer has never been authenticated: use Connect now on the Connections tab.");
    expect(productionRow(mail.id)).toMatchObject({ enabled: false, offReason: deployedOffReason(1) });

    await authenticateConnection(admin, productionMailer(), smtpCredentials());
    const view = turnOn(admin, mail.id);
    expect(view).toMatchObject({ enabled: true, offReason: null, problems: [] });
    expect(productionRow(mail.id)).toMatchObject({ enabled: true, offReason: null, switchedBy: admin.userId });
  });

  it("needs no connection for an integration that uses none", () => {
    deploy(admin, appId);
    expect(turnOn(admin, shout.id).enabled).toBe(true);
  });

  it("is refused while the connection's last test failed", async () => {
    deploy(admin, appId);
    const { connection } = await authenticateConnection(admin, productionMailer(), smtpCredentials("wrong password"));
    expect(connection.status).toBe("failed");
    expect(await refusal(mail.id)).toBe(
      `Mail new orders cannot be turned on. Mailer: its last test failed (The SMTP server 127.0.0.1:${SMTP_PORT} refused the login for ${USER} (535): check the user and the password). Reauthenticate it or test it again on the Connections tab.`,
    );
  });

  it("is refused after the next deployment until the connection is authenticated again: a passing test on the old credentials is not enough", async () => {
    deploy(admin, appId);
    const connectionId = productionMailer();
    await authenticateConnection(admin, connectionId, smtpCredentials());
    turnOn(admin, mail.id);

    deploy(admin, appId);
    expect(productionRow(mail.id)).toMatchObject({ enabled: false, offReason: deployedOffReason(2) });
    const notSince = "Mail new orders cannot be turned on. Mailer is not authenticated since the last deployment (version 2): reauthenticate it with Production credentials on the Connections tab.";
    expect(await refusal(mail.id)).toBe(notSince);
    // Test connection still passes with the credentials kept from before the deployment…
    expect(await testConnection(admin, connectionId)).toMatchObject({ ok: true, status: "connected" });
    // …but that is not an authentication since the deployment.
    expect(await refusal(mail.id)).toBe(notSince);

    await authenticateConnection(admin, connectionId, { ...smtpCredentials(), password: "" });
    expect(turnOn(admin, mail.id).enabled).toBe(true);
  });

  it("is refused for an archived integration", async () => {
    deploy(admin, appId);
    updateDevIntegration(shout.id, { state: "archived" });
    deploy(admin, appId);
    expect(await refusal(shout.id)).toBe("Shout cannot be turned on. Shout is archived: restore it in the app builder and deploy to turn it on.");
    // Shown as Archived, without "turn it on again".
    expect(listProductionIntegrations(admin, appId).find((i) => i.id === shout.id)).toMatchObject({ status: "archived", enabled: false, offReason: null });
  });

  it("is for builders and admins; members read; other accounts see nothing", async () => {
    deploy(admin, appId);
    const member = await newUser(admin, "member");
    const builder = await newUser(admin, "builder");
    expect(await errorOf(() => turnOn(member, shout.id))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => turnOff(member, shout.id))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => turnOnAllReady(member, appId))).toBeInstanceOf(ForbiddenError);
    expect(listProductionIntegrations(member, appId)).toHaveLength(2);
    expect(turnOn(builder, shout.id).enabled).toBe(true);
    const globex = await newAccount("Globex");
    expect(await errorOf(() => turnOn(globex.admin, shout.id))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => listProductionIntegrations(globex.admin, appId))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => goLiveChecklist(globex.admin, appId))).toBeInstanceOf(NotFoundError);
  });
});

describe("turning off", () => {
  it("switches off and keeps no product reason: a person did it", () => {
    deploy(admin, appId);
    turnOn(admin, shout.id);
    expect(turnOff(admin, shout.id)).toMatchObject({ enabled: false, offReason: null });
    expect(productionRow(shout.id)).toMatchObject({ enabled: false, switchedBy: admin.userId });
  });
});

describe("the All integrations list", () => {
  it("shows status, connectors, the version each runs, runs and why it cannot be turned on", () => {
    deploy(admin, appId);
    const [first, second] = listProductionIntegrations(admin, appId);
    expect(first).toMatchObject({
      name: "Mail new orders",
      status: "live",
      enabled: false,
      offReason: deployedOffReason(1),
      version: 1,
      runsThisMonth: 0,
      lastRunAt: null,
      connectors: [expect.objectContaining({ key: "webhook", name: "Webhook" }), expect.objectContaining({ key: "email", name: "Email (SMTP)" })],
      problems: [{ connectionId: expect.any(String), message: "Mailer has never been authenticated: use Connect now on the Connections tab." }],
    });
    expect(second).toMatchObject({ name: "Shout", problems: [] });
  });
});

describe("go live", () => {
  it("lists each connection to authenticate with the integrations it blocks, and turns on all that are ready", async () => {
    deploy(admin, appId);
    const checklist = goLiveChecklist(admin, appId);
    expect(checklist).toMatchObject({ deployment: { number: 1, deployedBy: "Ada Admin" }, readyCount: 1 });
    expect(checklist.connections).toEqual([
      expect.objectContaining({
        name: "Mailer",
        status: "reauthentication_required",
        authenticated: false,
        problem: "Mailer has never been authenticated: use Connect now on the Connections tab.",
        blocks: [{ id: mail.id, name: "Mail new orders" }],
      }),
    ]);

    const result = turnOnAllReady(admin, appId);
    expect(result).toEqual({
      turnedOn: [{ id: shout.id, name: "Shout" }],
      alreadyOn: [],
      stayOff: [{ id: mail.id, name: "Mail new orders", reasons: ["Mailer has never been authenticated: use Connect now on the Connections tab."] }],
    });

    await authenticateConnection(admin, checklist.connections[0].id, smtpCredentials());
    const after = goLiveChecklist(admin, appId);
    expect(after.connections[0]).toMatchObject({ status: "connected", problem: null, blocks: [] });
    expect(turnOnAllReady(admin, appId)).toEqual({ turnedOn: [{ id: mail.id, name: "Mail new orders" }], alreadyOn: [{ id: shout.id, name: "Shout" }], stayOff: [] });
  });

  it("is empty before the first deployment", () => {
    expect(goLiveChecklist(admin, appId)).toEqual({ deployment: null, connections: [], integrations: [], readyCount: 0 });
  });
});

describe("the audit log", () => {
  it("records turning on and off, authentications and tests, with who and what", async () => {
    deploy(admin, appId);
    const connectionId = productionMailer();
    await authenticateConnection(admin, connectionId, smtpCredentials());
    await testConnection(admin, connectionId);
    turnOn(admin, mail.id);
    turnOff(admin, mail.id);
    await errorOf(() => turnOn(admin, shout.id + "-nope"));
    const entries = getDb().select().from(auditLog).where(and(eq(auditLog.accountId, admin.accountId))).all();
    expect(entries.map((e) => [e.action, e.subjectType, e.subjectId, e.actor])).toEqual([
      ["deployment.created", "app", appId, `user:${admin.userId}`],
      ["connection.authenticated", "connection", connectionId, `user:${admin.userId}`],
      ["connection.tested", "connection", connectionId, `user:${admin.userId}`],
      ["integration.turned_on", "integration", mail.id, `user:${admin.userId}`],
      ["integration.turned_off", "integration", mail.id, `user:${admin.userId}`],
    ]);
    expect(entries[1].detail).toEqual({ name: "Mailer", connectorKey: "email", environment: "production", ok: true, status: "connected", message: `SMTP 127.0.0.1:${SMTP_PORT} logged in as ${USER}.` });
    expect(entries[3].detail).toEqual({ name: "Mail new orders", appId, version: 1 });
    // Never a credential.
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });

  it("records nothing for a refused switch", async () => {
    deploy(admin, appId);
    await errorOf(() => turnOn(admin, mail.id));
    const actions = getDb().select().from(auditLog).where(eq(auditLog.accountId, admin.accountId)).all().map((e) => e.action);
    expect(actions).toEqual(["deployment.created"]);
  });
});
