import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deleteBoard, createBoard } from "@/lib/boards/boards";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { environmentOf } from "@/lib/environments";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { IntegrationDefinition, StepConfig } from "@/lib/integrations/definition";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { testIntegration } from "@/lib/integrations/test-run";
import { DefinitionError } from "@/lib/integrations/validate-definition";
import { createItems, listItems } from "@/lib/items/items";
import { keyFor } from "../support/api";
import { errorOf, newUser } from "../support/fixtures";
import { ownInstance, startServer, testPort, type TestServer } from "../support/server";
import { startSmtpServer } from "../support/smtp-server";
import { createItemStep, emailStep, formatterStep, integrationAccount, kissflowTrigger, type IntegrationAccount } from "./support";

// The steps run in this process against the real built server (the Kissflow connector calls its
// REST API over HTTP) and a real SMTP server on loopback, with Development connections.
const INSTANCE = ownInstance(3580);
const PORT = INSTANCE.port;
const SMTP_PORT = testPort(3581);
const DOMAIN = INSTANCE.domain;
const SMTP_USER = "mailer@acme.test";
const SMTP_PASSWORD = "smtp-secret-pass-123";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let a: IntegrationAccount;
let devKey: { id: string; secret: string };

beforeAll(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  [server, smtp] = await Promise.all([
    startServer({ port: PORT, env: INSTANCE.env }),
    startSmtpServer({ port: SMTP_PORT, user: SMTP_USER, password: SMTP_PASSWORD }),
  ]);
  a = await integrationAccount();
  devKey = keyFor(a.admin, "development");
  const kissflow = await authenticateConnection(a.admin, a.kissflow.id, { accountId: `${a.accountId}-dev`, accountDomain: DOMAIN, accessKeyId: devKey.id, accessKeySecret: devKey.secret });
  expect(kissflow.test.status).toBe("connected");
  const mail = await authenticateConnection(a.admin, a.smtp.id, { host: "127.0.0.1", port: String(SMTP_PORT), secure: false, user: SMTP_USER, password: SMTP_PASSWORD, from: `Acme <${SMTP_USER}>` });
  expect(mail.test.status).toBe("connected");
});

afterAll(async () => {
  await Promise.all([server?.stop(), smtp?.stop()]);
});

beforeEach(() => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  smtp.received.length = 0;
});

const dev = () => environmentOf(a.accountId, "development");
const prod = () => environmentOf(a.accountId, "production");
const invoices = (env = dev()) => listItems(a.admin, env, a.invoices.id, { limit: 100 }).items;

let counter = 0;
function integrationWith(definition: IntegrationDefinition) {
  const integration = createIntegration(a.admin, a.app.id, { name: `Tested ${++counter}` });
  saveDefinition(a.admin, integration.id, definition);
  return integration;
}

describe("testing an integration", () => {
  it("runs New item → Formatter → Create item → Send email on the board's newest item, creating a real Development item", async () => {
    createItems(a.admin, dev(), a.orders.id, [{ name: "ada lovelace", amount: 12 }]);
    const integration = integrationWith({ trigger: kissflowTrigger(a), steps: [formatterStep(), createItemStep(a), emailStep(a)] });
    const before = invoices().length;

    const result = await testIntegration(a.admin, integration.id);

    expect(result.status).toBe("succeeded");
    expect(result.trigger.description).toBe("The newest Development item of Orders.");
    expect(result.trigger.data).toMatchObject({ values: { name: "ada lovelace", amount: 12 } });
    expect(result.steps.map((s) => [s.stepId, s.status, s.error])).toEqual([
      ["shout", "succeeded", null],
      ["create_invoice", "succeeded", null],
      ["notify", "succeeded", null],
    ]);
    const [shout, create, notify] = result.steps;
    expect(shout).toMatchObject({ name: "Shout the name", connectorName: "Utilities", actionName: "Formatter", input: { operation: "text_upper", value: "ada lovelace" }, output: { result: "ADA LOVELACE" } });
    expect(create.input).toEqual({ boardId: a.invoices.id, values: { title: "ADA LOVELACE", total: 12 } });
    expect(create.output).toMatchObject({ boardId: a.invoices.id, values: { title: "ADA LOVELACE", total: 12 } });
    expect(notify.input).toMatchObject({ to: "ops@acme.test", subject: "New order ada lovelace", text: `Invoice ${(create.output as { id: string }).id}` });
    for (const step of result.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);

    // A real Development item, and nothing in Production.
    const created = invoices();
    expect(created).toHaveLength(before + 1);
    expect(created[0]).toMatchObject({ id: (create.output as { id: string }).id, values: { title: "ADA LOVELACE", total: 12 } });
    expect(invoices(prod())).toHaveLength(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].raw).toContain("Subject: New order ada lovelace");

    const text = JSON.stringify(result);
    expect(text).not.toContain(devKey.secret);
    expect(text).not.toContain(SMTP_PASSWORD);
  });

  it("stops at a Filter that does not pass, reported as Filtered, and runs nothing after it", async () => {
    const filter: StepConfig = { id: "big_only", name: "Big orders only", connectorKey: "utilities", actionKey: "filter", connectionId: null, input: { field: "{{trigger.values.amount}}", operator: "greater", value: "100" } };
    const integration = integrationWith({ trigger: kissflowTrigger(a), steps: [filter, formatterStep(), createItemStep(a)] });
    const before = invoices().length;
    const result = await testIntegration(a.admin, integration.id, { sample: { id: "itm_x", values: { name: "small", amount: 5 } } });
    expect(result.status).toBe("filtered");
    expect(result.trigger.description).toBe("The sample data you gave.");
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]).toMatchObject({ status: "filtered", input: { field: 5, operator: "greater", value: "100" }, output: { passed: false } });
    expect(invoices()).toHaveLength(before);
  });

  it("reports a failing step with the system's message and runs nothing after it", async () => {
    const integration = integrationWith({ trigger: kissflowTrigger(a), steps: [formatterStep(), createItemStep(a, '{"total": "{{trigger.values.amount}}"}'), emailStep(a)] });
    const result = await testIntegration(a.admin, integration.id, { sample: { id: "itm_x", values: { name: "no title", amount: 3 } } });
    expect(result.status).toBe("failed");
    expect(result.steps.map((s) => s.status)).toEqual(["succeeded", "failed"]);
    expect(result.steps[1].error).toMatch(/Title is required/);
    expect(result.steps[1].output).toBeNull();
    expect(smtp.received).toHaveLength(0);
  });

  it("reports an input the action refuses after templates, without calling the system", async () => {
    const integration = integrationWith({ trigger: kissflowTrigger(a), steps: [emailStep(a, { to: "{{trigger.values.name}}", text: "hello" })] });
    const result = await testIntegration(a.admin, integration.id, { sample: { values: { name: "not an address" } } });
    expect(result.steps[0]).toMatchObject({ status: "failed", input: { to: "not an address" }, error: "To must be email addresses separated by commas." });
    expect(smtp.received).toHaveLength(0);
  });

  it("tests one step on the data of earlier steps given by the editor", async () => {
    const integration = integrationWith({ trigger: kissflowTrigger(a), steps: [formatterStep(), emailStep(a, { text: "Hi {{steps.shout.result}}" })] });
    const result = await testIntegration(a.admin, integration.id, { stepId: "notify", sample: { values: { name: "grace" } }, previousOutputs: { shout: { result: "GRACE" } } });
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]).toMatchObject({ stepId: "notify", status: "succeeded", input: { text: "Hi GRACE", subject: "New order grace" } });
    expect(smtp.received).toHaveLength(1);
  });

  it("never shows a stored secret, even when a step's own data contains it", async () => {
    const integration = integrationWith({ trigger: kissflowTrigger(a), steps: [{ ...formatterStep("shout", `pw ${SMTP_PASSWORD}`), input: { operation: "text_trim", value: `pw ${SMTP_PASSWORD}` } }, emailStep(a, { text: "{{steps.shout.result}}" })] });
    const result = await testIntegration(a.admin, integration.id, { sample: { values: { name: "x" } } });
    expect(result.status).toBe("succeeded");
    expect(result.steps[0]).toMatchObject({ input: { value: "pw [redacted]" }, output: { result: "pw [redacted]" } });
    expect(JSON.stringify(result)).not.toContain(SMTP_PASSWORD);
  });

  it("makes up an item from the board's fields when the board has none, and refuses what cannot be tested", async () => {
    const empty = createBoard(a.admin, a.app.id, { name: "Empty board" });
    const integration = integrationWith({ trigger: kissflowTrigger(a, empty.id), steps: [formatterStep("shout", "{{trigger.id}}")] });
    const result = await testIntegration(a.admin, integration.id);
    expect(result.trigger.description).toContain("A made-up item of Empty board");
    expect(result.steps[0].output).toEqual({ result: "ITM_SAMPLE" });

    deleteBoard(a.admin, empty.id);
    expect(await errorOf(() => testIntegration(a.admin, integration.id))).toBeInstanceOf(DefinitionError);
    const noTrigger = integrationWith({ trigger: null, steps: [] });
    expect(((await errorOf(() => testIntegration(a.admin, noTrigger.id))) as ValidationError).message).toContain("Choose a trigger before testing");
    const member = await newUser(a.admin, "member");
    expect(await errorOf(() => testIntegration(member, noTrigger.id))).toBeInstanceOf(ForbiddenError);
  });
});
