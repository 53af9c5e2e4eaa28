// The whole way of issue 4, clicking through the real pages: build an integration in the app
// builder (Development), test it, rename, duplicate, archive and restore; deploy it; then in
// Production find it Off with its connections to reauthenticate, be refused turning it on until
// the connections have Production credentials, and turn it on. A second deployment (a new board
// field) turns everything off again until the connections are reauthenticated.
import { expect, test } from "@playwright/test";
import { startSmtpServer } from "../tests/support/smtp-server";
import { createAccessKey, openSecuritySettings, readAccountDomain, readAccountIds } from "./support/access-keys";
import { newCredentials, signUp } from "./support/accounts";
import { addField, addItem, createApp, createBoard, itemRow, type FieldSpec } from "./support/apps";
import {
  addConnectedConnection,
  connectionRow,
  fillCredentials,
  kissflowCredentials,
  labelled,
  openIntegrationsTab,
  openManageIntegrations,
  smtpCredentials,
  testConnectionAgain,
} from "./support/connections";
import { DEPLOYED_MESSAGE, deployFromBuilder } from "./support/deploy";
import { builderIntegrationRow, builderNav, insertData, newIntegration, productionIntegrationRow, stepRegion, typeAtEnd } from "./support/integrations";
import { portBesideServer } from "./support/ports";
import { screenshot } from "./support/screenshots";

const SMTP_PORT = portBesideServer(3);
const SMTP_USER = "desk@acme.test";
const SMTP_PASSWORD = "smtp-pass-789";
const FIELDS: FieldSpec[] = [
  { name: "Title", type: "Text", required: true },
  { name: "Contact", type: "Email", required: true },
];

test.use({ viewport: { width: 1280, height: 800 } });

test("build, test, deploy and go live: New item in Requests → Create item in Tasks → Send email", async ({ page }) => {
  test.setTimeout(180_000);
  const smtp = await startSmtpServer({ port: SMTP_PORT, user: SMTP_USER, password: SMTP_PASSWORD });
  try {
    await signUp(page, newCredentials("golive"));
    await openSecuritySettings(page);
    const { accountId, devAccountId } = await readAccountIds(page);
    const devDomain = await readAccountDomain(page, "development");
    const prodDomain = await readAccountDomain(page, "production");
    const devKey = await createAccessKey(page, "development");

    // Two boards, one test item in Requests.
    const appId = await createApp(page, "Service desk");
    const requestsId = await createBoard(page, appId, "Requests");
    for (const field of FIELDS) await addField(page, field);
    await addItem(page, { Title: "Printer jams", Contact: "ann@example.test" });
    const tasksId = await createBoard(page, appId, "Tasks");
    for (const field of FIELDS) await addField(page, field);

    // Development connections: Kissflow with the Development key, SMTP on the loopback server.
    await builderNav(page).getByRole("link", { name: "Connections" }).click();
    await addConnectedConnection(page, "Kissflow", "Desk Kissflow", kissflowCredentials(devAccountId, devDomain, devKey));
    await addConnectedConnection(page, "Email (SMTP)", "Desk mail", smtpCredentials(SMTP_PORT, SMTP_USER, SMTP_PASSWORD));

    // The editor: trigger, then two steps whose inputs come from the Insert data picker.
    await newIntegration(page, "Request to task");
    const trigger = page.getByRole("region", { name: "Trigger" });
    await labelled(trigger, "Connector").selectOption({ label: "Kissflow" });
    await labelled(trigger, "Event").selectOption({ label: "New item in board" });
    await expect(labelled(trigger, "Connection")).toHaveValue(/^con_/);
    await labelled(trigger, "Board ID").selectOption({ label: "Requests" });

    await page.getByRole("button", { name: "Add step" }).click();
    const createTask = stepRegion(page, 1);
    await labelled(createTask, "Connector").selectOption({ label: "Kissflow" });
    await labelled(createTask, "Action").selectOption({ label: "Create item" });
    await labelled(createTask, "Board ID").fill(tasksId);
    // A JSON input: the picker quotes each reference, so the JSON stays valid.
    const values = labelled(createTask, "Values");
    await values.fill('{"title": ');
    await insertData(createTask, "Values", "trigger.values.title");
    await typeAtEnd(values, ', "contact": ');
    await insertData(createTask, "Values", "trigger.values.contact");
    await typeAtEnd(values, "}");
    await expect(values).toHaveValue('{"title": "{{trigger.values.title}}", "contact": "{{trigger.values.contact}}"}');

    await page.getByRole("button", { name: "Add step" }).click();
    const email = stepRegion(page, 2);
    await labelled(email, "Connector").selectOption({ label: "Email (SMTP)" });
    await expect(labelled(email, "Connection")).toHaveValue(/^con_/);
    await insertData(email, "To", "trigger.values.contact");
    await labelled(email, "Subject").fill("Task ");
    await insertData(email, "Subject", "steps.create_item.id");
    await labelled(email, "Text").fill("We are on it: ");
    await insertData(email, "Text", "trigger.values.title");
    await expect(labelled(email, "To")).toHaveValue("{{trigger.values.contact}}");
    await expect(labelled(email, "Subject")).toHaveValue("Task {{steps.create_item.id}}");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    // Test on sample data (the newest Requests item): each step's input and output, and the email.
    await page.getByRole("button", { name: "Test", exact: true }).click();
    const result = page.getByRole("region", { name: "Test result" });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result.getByText("The newest Development item of Requests.")).toBeVisible();
    const created = result.getByRole("group", { name: "Test result of step Create item" });
    await expect(created.getByText("Succeeded")).toBeVisible();
    await expect(created.getByLabel("Input")).toContainText('"title": "Printer jams"');
    await expect(created.getByLabel("Output")).toContainText('"contact": "ann@example.test"');
    const taskId = JSON.parse((await created.getByLabel("Output").textContent())!).id as string;
    const sent = result.getByRole("group", { name: "Test result of step Send email" });
    await expect(sent.getByText("Succeeded")).toBeVisible();
    await expect(sent.getByLabel("Input")).toContainText(`"subject": "Task ${taskId}"`);
    await expect(sent.getByLabel("Output")).toContainText("ann@example.test");
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["ann@example.test"]);
    expect(smtp.received[0].raw).toContain(`Subject: Task ${taskId}`);
    await page.goto(`/apps/${appId}/builder/boards/${tasksId}`);
    await expect(itemRow(page, "Printer jams")).toBeVisible();

    // Rename, Duplicate, Archive the copy, Restore it.
    await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
    await builderIntegrationRow(page, "Request to task").getByRole("button", { name: "Rename Request to task" }).click();
    const rename = page.getByRole("form", { name: "Rename Request to task" });
    await rename.getByLabel("New name").fill("Requests to tasks");
    await rename.getByRole("button", { name: "Save name" }).click();
    const original = builderIntegrationRow(page, "Requests to tasks");
    await original.getByRole("button", { name: "Duplicate Requests to tasks" }).click();
    const copy = builderIntegrationRow(page, "Copy of Requests to tasks");
    await expect(copy.getByText("Active", { exact: true })).toBeVisible();
    await copy.getByRole("button", { name: "Archive Copy of Requests to tasks" }).click();
    await expect(copy.getByText("Archived", { exact: true })).toBeVisible();
    await copy.getByRole("button", { name: "Restore Copy of Requests to tasks" }).click();
    await expect(copy.getByText("Active", { exact: true })).toBeVisible();

    // Before any deployment Production has neither the boards' forms nor the integrations.
    await page.goto(`/apps/${appId}/boards/${requestsId}`);
    await expect(page.getByText("This board has not been deployed yet.")).toBeVisible();

    // Deploy: the preview says what changes.
    await deployFromBuilder(page, appId, async () => {
      await expect(page.getByRole("list", { name: "Added" })).toHaveText(/Requests to tasks\s*Copy of Requests to tasks/);
      await expect(page.getByRole("list", { name: "Boards changed" }).getByRole("listitem")).toHaveText([
        "Requests — new in Production, fields: Title, Contact",
        "Tasks — new in Production, fields: Title, Contact",
      ]);
      const connections = page.getByRole("list", { name: "Connections that will need authentication" }).getByRole("listitem");
      await expect(connections.filter({ hasText: "Desk Kissflow" })).toContainText("will be created in Production (Connect now) · used by Requests to tasks, Copy of Requests to tasks");
      await expect(connections.filter({ hasText: "Desk mail" })).toContainText("will be created in Production (Connect now)");
      await screenshot(page, "deploy-preview-go-live");
    });

    // Production: every integration Off, every connection to authenticate.
    await openManageIntegrations(page, appId);
    for (const name of ["Requests to tasks", "Copy of Requests to tasks"]) {
      await expect(productionIntegrationRow(page, name).getByText("Live", { exact: true })).toBeVisible();
      await expect(page.getByRole("switch", { name: `Turn on ${name}`, exact: true })).toHaveAttribute("aria-checked", "false");
    }
    await openIntegrationsTab(page, "Connections");
    for (const name of ["Desk Kissflow", "Desk mail"]) {
      await expect(connectionRow(page, name).getByText("Reauthentication required")).toBeVisible();
      await expect(connectionRow(page, name).getByText(DEPLOYED_MESSAGE)).toBeVisible();
    }

    // Turning on is refused, saying why, with a link to each connection at fault.
    await openIntegrationsTab(page, "All integrations");
    const row = productionIntegrationRow(page, "Requests to tasks");
    const onOff = page.getByRole("switch", { name: "Turn on Requests to tasks", exact: true });
    await onOff.click();
    const refusal = row.getByRole("alert");
    await expect(refusal).toContainText("Requests to tasks cannot be turned on. Desk Kissflow has never been authenticated: use Connect now on the Connections tab.");
    await expect(refusal).toContainText("Desk mail has never been authenticated");
    await expect(onOff).toHaveAttribute("aria-checked", "false");
    await screenshot(page, "all-integrations-refused", { reload: false });

    // Connect now with the Development key is refused: Production needs Production credentials.
    await refusal.getByRole("link", { name: "Connect now Desk Kissflow" }).click();
    await expect(page.getByRole("heading", { name: "Connect now: Desk Kissflow" })).toBeVisible();
    await fillCredentials(page, kissflowCredentials(accountId, prodDomain, devKey));
    await page.getByRole("button", { name: "Connect and test" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Production credentials are needed" })).toBeVisible();

    // A Production access key, made on My settings > Security settings > API authentication.
    await openSecuritySettings(page);
    const prodKey = await createAccessKey(page, "production");
    await openManageIntegrations(page, appId);
    await openIntegrationsTab(page, "Connections");
    await connectionRow(page, "Desk Kissflow").getByRole("link", { name: "Connect now Desk Kissflow" }).click();
    await fillCredentials(page, kissflowCredentials(accountId, prodDomain, prodKey));
    await page.getByRole("button", { name: "Connect and test" }).click();
    const kissflow = connectionRow(page, "Desk Kissflow");
    await expect(kissflow.getByText("Connected", { exact: true })).toBeVisible();
    await expect(kissflow.getByText(/Connected as .* \(Production, /)).toBeVisible();

    // Test connection calls the Production API again and records when.
    await testConnectionAgain(kissflow);

    await connectionRow(page, "Desk mail").getByRole("link", { name: "Connect now Desk mail" }).click();
    await fillCredentials(page, smtpCredentials(SMTP_PORT, SMTP_USER, SMTP_PASSWORD));
    await page.getByRole("button", { name: "Connect and test" }).click();
    await expect(connectionRow(page, "Desk mail").getByText("Connected", { exact: true })).toBeVisible();

    // Now it turns on.
    await openIntegrationsTab(page, "All integrations");
    await onOff.click();
    await expect(onOff).toHaveAttribute("aria-checked", "true");
    await expect(page.getByRole("switch", { name: "Turn on Copy of Requests to tasks", exact: true })).toHaveAttribute("aria-checked", "false");

    // A board field added in the builder reaches Production only with the next deployment,
    // which turns everything off again until the connections are reauthenticated.
    await page.goto(`/apps/${appId}/builder/boards/${requestsId}`);
    await addField(page, { name: "Priority", type: "Text" });
    await page.goto(`/apps/${appId}/boards/${requestsId}`);
    await expect(page.getByRole("form", { name: "Add item" }).getByLabel("Priority")).toHaveCount(0);
    await deployFromBuilder(page, appId, async () => {
      await expect(page.getByRole("list", { name: "Boards changed" })).toHaveText("Requests — fields added: Priority");
      await expect(page.getByRole("list", { name: "Connections that will need authentication" })).toContainText("exists in Production (Reauthenticate)");
    });
    await page.goto(`/apps/${appId}/boards/${requestsId}`);
    await expect(page.getByRole("form", { name: "Add item" }).getByLabel("Priority")).toBeVisible();

    await openManageIntegrations(page, appId);
    await expect(onOff).toHaveAttribute("aria-checked", "false");
    await expect(productionIntegrationRow(page, "Requests to tasks")).toContainText("Deployed version 2: turn it on again once its connections are authenticated.");
    await openIntegrationsTab(page, "Connections");
    for (const name of ["Desk Kissflow", "Desk mail"]) {
      await connectionRow(page, name).getByRole("link", { name: `Reauthenticate ${name}` }).click();
      // The stored secret is kept when left blank.
      await page.getByRole("button", { name: "Reauthenticate and test" }).click();
      await expect(connectionRow(page, name).getByText("Connected", { exact: true })).toBeVisible();
    }
    await openIntegrationsTab(page, "All integrations");
    await onOff.click();
    await expect(onOff).toHaveAttribute("aria-checked", "true");

    const html = await page.content();
    for (const secret of [devKey.secret, prodKey.secret, SMTP_PASSWORD]) expect(html).not.toContain(secret);
  } finally {
    await smtp.stop();
  }
});
