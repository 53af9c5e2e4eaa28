// The Development On/Off switch: refused, with every reason, while the integration could not run;
// recorded in the audit log; archiving turns it off.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, integrations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { deleteBoard } from "@/lib/boards/boards";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { createConnection } from "@/lib/connections/create-connection";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { turnOffDevelopment, turnOnDevelopment } from "@/lib/integrations/development-switch";
import { archiveIntegration, createIntegration, getIntegration, restoreIntegration } from "@/lib/integrations/integrations";
import { errorOf, newAccount, newBoard, newUser } from "../support/fixtures";
import { testPort } from "../support/server";
import { integrationWith, shoutStep, webhookTrigger } from "./support";

let admin: Actor;
let appId: string;

beforeAll(() => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  ({ admin } = await newAccount());
  appId = newBoard(admin).app.id;
});

async function refusal(integrationId: string): Promise<string> {
  const error = await errorOf(() => turnOnDevelopment(admin, integrationId));
  expect(error).toBeInstanceOf(ConflictError);
  expect(getIntegration(admin, integrationId).enabled).toBe(false);
  return (error as Error).message;
}

describe("turning an integration on in Development", () => {
  it("turns it on and off, and records who did in the audit log", () => {
    const hook = integrationWith(admin, appId, "Catch orders", { trigger: webhookTrigger(), steps: [shoutStep()] });
    expect(hook.enabled).toBe(false);
    expect(turnOnDevelopment(admin, hook.id)).toEqual({ name: "Catch orders", enabled: true, catchUp: 0 });
    expect(getIntegration(admin, hook.id).enabled).toBe(true);
    expect(turnOffDevelopment(admin, hook.id)).toEqual({ name: "Catch orders", enabled: false, catchUp: 0 });
    const entries = getDb().select().from(auditLog).where(and(eq(auditLog.accountId, admin.accountId), eq(auditLog.subjectId, hook.id))).all();
    expect(entries.map((e) => [e.action, e.actor, e.detail])).toEqual([
      ["integration.turned_on", admin.label, { name: "Catch orders", appId, environment: "development" }],
      ["integration.turned_off", admin.label, { name: "Catch orders", appId, environment: "development" }],
    ]);
  });

  it("is refused without a trigger", async () => {
    const draft = createIntegration(admin, appId, { name: "Draft" });
    expect(await refusal(draft.id)).toBe("Draft cannot be turned on. Draft has no trigger: choose one in the editor and save.");
  });

  it("is refused while a connection it uses was never authenticated", async () => {
    const signing = createConnection(admin, { name: "Order signing", connectorKey: "webhook", environment: "development" });
    const hook = integrationWith(admin, appId, "Signed orders", { trigger: webhookTrigger(signing.id), steps: [shoutStep()] });
    expect(await refusal(hook.id)).toBe("Signed orders cannot be turned on. Order signing has never been authenticated: use Connect now on the Connections tab.");
    await authenticateConnection(admin, signing.id, { signingSecret: "a-signing-secret-of-some-length" });
    expect(turnOnDevelopment(admin, hook.id).enabled).toBe(true);
  });

  it("is refused while a connection's last test failed", async () => {
    const api = createConnection(admin, { name: "Shop API", connectorKey: "http", environment: "development" });
    // Nothing listens there: the test fails.
    await authenticateConnection(admin, api.id, { authType: "bearer", token: "t", testUrl: `http://127.0.0.1:${testPort(3592)}/me` });
    const step = { id: "call", name: "Call the shop", connectorKey: "http", actionKey: "send_request", connectionId: api.id, input: { method: "GET", url: "https://shop.example/orders" } };
    const hook = integrationWith(admin, appId, "Call the shop", { trigger: webhookTrigger(), steps: [step] });
    expect(await refusal(hook.id)).toBe(
      `Call the shop cannot be turned on. Shop API: its last test failed (Could not connect to 127.0.0.1:${testPort(3592)}: the connection was refused). Reauthenticate it or test it again on the Connections tab.`,
    );
  });

  it("is refused, with every problem, once its saved definition no longer checks out", async () => {
    const { board } = newBoard(admin, "Other app", "Leads");
    const kissflow = createConnection(admin, { name: "Kissflow dev", connectorKey: "kissflow", environment: "development" });
    const leads = integrationWith(admin, board.appId, "New leads", { trigger: { connectorKey: "kissflow", triggerKey: "new_item", connectionId: kissflow.id, options: { boardId: board.id } }, steps: [] });
    deleteBoard(admin, board.id);
    expect(await refusal(leads.id)).toBe(
      "New leads cannot be turned on. Trigger: This board is not one of this app's boards (it may have been deleted): choose another. Fix it in the editor and save. Kissflow dev has never been authenticated: use Connect now on the Connections tab.",
    );
  });

  it("is refused for an archived integration; archiving turns it off, restoring leaves it off", async () => {
    const hook = integrationWith(admin, appId, "Catch orders", { trigger: webhookTrigger(), steps: [shoutStep()] });
    turnOnDevelopment(admin, hook.id);
    archiveIntegration(admin, hook.id);
    expect(getDb().select().from(integrations).where(eq(integrations.id, hook.id)).get()).toMatchObject({ enabled: false, switchedBy: admin.userId });
    expect(await refusal(hook.id)).toBe("Catch orders cannot be turned on. Catch orders is archived: restore it first.");
    restoreIntegration(admin, hook.id);
    expect(getIntegration(admin, hook.id).enabled).toBe(false);
  });

  it("is for builders and admins of the integration's account", async () => {
    const hook = integrationWith(admin, appId, "Catch orders", { trigger: webhookTrigger(), steps: [shoutStep()] });
    const member = await newUser(admin, "member");
    const builder = await newUser(admin, "builder");
    expect(await errorOf(() => turnOnDevelopment(member, hook.id))).toBeInstanceOf(ForbiddenError);
    expect(turnOnDevelopment(builder, hook.id).enabled).toBe(true);
    const globex = await newAccount("Globex");
    expect(await errorOf(() => turnOffDevelopment(globex.admin, hook.id))).toBeInstanceOf(NotFoundError);
    expect(getIntegration(admin, hook.id).enabled).toBe(true);
  });
});
