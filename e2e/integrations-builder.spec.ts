import { expect, test, type Page } from "@playwright/test";
import { startSmtpServer } from "../tests/support/smtp-server";
import { createAccessKey, openSecuritySettings, readAccountDomain, readAccountIds } from "./support/access-keys";
import { newCredentials, signUp } from "./support/accounts";
import { addField, addItem, createAppWithBoard, createBoard, itemRow } from "./support/apps";
import { addConnectedConnection, kissflowCredentials, labelled as field, smtpCredentials } from "./support/connections";
import { builderIntegrationRow as integrationRow, builderNav, newIntegration, stepRegion as step } from "./support/integrations";
import { portBesideServer } from "./support/ports";

const SMTP_PORT = portBesideServer(2);
const SMTP_USER = "mailer@acme.test";
const SMTP_PASSWORD = "smtp-pass-456";

async function addConnection(page: Page, connector: string, name: string, credentials: Record<string, string>) {
  await builderNav(page).getByRole("link", { name: "Connections" }).click();
  await addConnectedConnection(page, connector, name, credentials);
}

test("builds New item in board → Formatter → Create item in another board → Send email, saves, tests, renames, duplicates, archives and restores", async ({ page }) => {
  const smtp = await startSmtpServer({ port: SMTP_PORT, user: SMTP_USER, password: SMTP_PASSWORD });
  try {
    await signUp(page, newCredentials("integrator"));
    await openSecuritySettings(page);
    const { devAccountId } = await readAccountIds(page);
    const domain = await readAccountDomain(page, "development");
    const devKey = await createAccessKey(page, "development");

    const { appId } = await createAppWithBoard(page, { appName: "Order desk", boardName: "Orders", fields: [{ name: "Title", type: "Text", required: true }, { name: "Quantity", type: "Number" }] });
    await addItem(page, { Title: "Blue widgets", Quantity: "3" });
    const invoicesId = await createBoard(page, appId, "Invoices");
    await addField(page, { name: "Title", type: "Text", required: true });
    await addField(page, { name: "Total", type: "Number" });

    await addConnection(page, "Kissflow", "Kissflow dev", kissflowCredentials(devAccountId, domain, devKey));
    await addConnection(page, "Email (SMTP)", "Mail dev", smtpCredentials(SMTP_PORT, SMTP_USER, SMTP_PASSWORD));

    // Logic > Integration, then New integration opens the editor.
    await expect(builderNav(page).getByText("Logic", { exact: true })).toBeVisible();
    await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
    await expect(page.getByText("No integrations yet.")).toBeVisible();
    await newIntegration(page, "Order sync");

    // Trigger: Kissflow → New item in board → the only Development Kissflow connection → Orders.
    const trigger = page.getByRole("region", { name: "Trigger" });
    await field(trigger, "Connector").selectOption({ label: "Kissflow" });
    await field(trigger, "Event").selectOption({ label: "New item in board" });
    await expect(field(trigger, "Connection")).toHaveValue(/^con_/);
    await field(trigger, "Board ID").selectOption({ label: "Orders" });

    // Step 1: upper-case the title, inserted from the "Insert data" list.
    await page.getByRole("button", { name: "Add step" }).click();
    await field(step(page, 1), "Connector").selectOption({ label: "Utilities" });
    await field(step(page, 1), "Action").selectOption({ label: "Formatter" });
    await expect(field(step(page, 1), "Transform")).toHaveValue("text_upper");
    await step(page, 1).getByLabel("Insert data into Value").selectOption("trigger.values.title");
    await expect(field(step(page, 1), "Value")).toHaveValue("{{trigger.values.title}}");

    // Step 2: create an item in the other board.
    await page.getByRole("button", { name: "Add step" }).click();
    await field(step(page, 2), "Connector").selectOption({ label: "Kissflow" });
    await field(step(page, 2), "Action").selectOption({ label: "Create item" });
    await field(step(page, 2), "Board ID").fill(invoicesId);
    await field(step(page, 2), "Values").fill('{"title": "{{steps.formatter.result}}", "total": "{{trigger.values.quantity}}"}');
    await expect(step(page, 2).getByLabel("Insert data into Values").locator("option", { hasText: "{{steps.formatter.result}}" })).toHaveCount(1);

    // Step 3: email, without its required To.
    await page.getByRole("button", { name: "Add step" }).click();
    await field(step(page, 3), "Connector").selectOption({ label: "Email (SMTP)" });
    await expect(field(step(page, 3), "Connection")).toHaveValue(/^con_/);
    await field(step(page, 3), "Subject").fill("Invoice {{steps.create_item.id}}");
    await field(step(page, 3), "Text").fill("Created for {{trigger.values.title}}");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Step 3 (Send email): To is required.");
    const to = field(step(page, 3), "To");
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(step(page, 3).getByText("To is required.", { exact: true })).toBeVisible();

    await to.fill("ops@acme.test");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(page.locator("main").getByRole("alert")).toHaveCount(0);

    // Test runs every step on the board's newest Development item.
    await page.getByRole("button", { name: "Test", exact: true }).click();
    const result = page.getByRole("region", { name: "Test result" });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result.getByText("The newest Development item of Orders.")).toBeVisible();
    for (const name of ["Formatter", "Create item", "Send email"]) {
      await expect(result.getByRole("group", { name: `Test result of step ${name}` }).getByText("Succeeded")).toBeVisible();
    }
    await expect(result.getByRole("group", { name: "Test result of step Formatter" }).getByLabel("Output")).toContainText('"result": "BLUE WIDGETS"');
    await expect(result.getByRole("group", { name: "Test result of step Create item" }).getByLabel("Output")).toContainText('"total": 3');
    await expect(result.getByRole("group", { name: "Test result of step Send email" }).getByLabel("Input")).toContainText('"ops@acme.test"');
    expect(await page.content()).not.toContain(devKey.secret);
    expect(smtp.received).toHaveLength(1);

    // Test step runs one step, here on the trigger's sample; its result shows in the step.
    await page.getByRole("button", { name: "Test Step 1 (Formatter)" }).click();
    await expect(step(page, 1).getByRole("group", { name: "Test result of step Formatter" }).getByLabel("Output")).toContainText('"result": "BLUE WIDGETS"');
    expect(smtp.received).toHaveLength(1);

    // The item really exists in the other board (Development).
    await page.goto(`/apps/${appId}/builder/boards/${invoicesId}`);
    await expect(itemRow(page, "BLUE WIDGETS")).toBeVisible();

    // The list: trigger, connectors, state; then Rename, Duplicate, Archive, Restore.
    await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
    const row = integrationRow(page, "Order sync");
    await expect(row.getByText("Kissflow: New item in board")).toBeVisible();
    await expect(row.getByRole("list", { name: "Connectors used by Order sync" }).getByRole("listitem")).toHaveText(["Kissflow", "Utilities", "Email (SMTP)"]);
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(row.getByRole("link", { name: "Edit Order sync" })).toHaveText("Edit");

    await row.getByRole("button", { name: "Rename Order sync" }).click();
    const renameForm = page.getByRole("form", { name: "Rename Order sync" });
    await renameForm.getByLabel("New name").fill("Order to invoice");
    await renameForm.getByRole("button", { name: "Save name" }).click();
    const renamed = integrationRow(page, "Order to invoice");
    await expect(renamed).toBeVisible();

    await renamed.getByRole("button", { name: "Duplicate Order to invoice" }).click();
    const copy = integrationRow(page, "Copy of Order to invoice");
    await expect(copy).toBeVisible();
    await expect(copy.getByText("Kissflow: New item in board")).toBeVisible();
    await expect(copy.getByText("Active", { exact: true })).toBeVisible();

    await copy.getByRole("button", { name: "Archive Copy of Order to invoice" }).click();
    await expect(copy.getByText("Archived", { exact: true })).toBeVisible();
    await expect(copy.getByRole("button", { name: "Archive Copy of Order to invoice" })).toHaveCount(0);
    await copy.getByRole("button", { name: "Restore Copy of Order to invoice" }).click();
    await expect(copy.getByText("Active", { exact: true })).toBeVisible();
    await expect(copy.getByRole("button", { name: "Archive Copy of Order to invoice" })).toHaveText("Archive");

    // Both use the connections, and the Connections tab says so.
    await builderNav(page).getByRole("link", { name: "Connections" }).click();
    await expect(page.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: "Kissflow dev" }).getByText("Used in 2 integrations")).toBeVisible();
  } finally {
    await smtp.stop();
  }
});
