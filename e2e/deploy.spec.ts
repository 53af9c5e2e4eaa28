// Deploy from the app builder to Production, the All integrations tab with its switches and the
// go-live checklist, the audit log, and export/import. Integrations reach Development here through
// the import form on the deploy page, a real way in for a user too (build-deploy-go-live.spec.ts
// builds them in the integration editor).
import { expect, test } from "@playwright/test";
import { startSmtpServer } from "../tests/support/smtp-server";
import { createAccessKey, openSecuritySettings, readAccountDomain, readAccountIds } from "./support/access-keys";
import { addUser, newCredentials, openUserMenuItem, signIn, signUp } from "./support/accounts";
import { createApp } from "./support/apps";
import { addConnectedConnection, connectionRow, fillCredentials, kissflowCredentials, openIntegrationsTab, openManageIntegrations, smtpCredentials } from "./support/connections";
import { DEPLOYED_MESSAGE, deployFromBuilder, importFile, openDeploy } from "./support/deploy";
import { productionIntegrationRow as integrationRow } from "./support/integrations";
import { portBesideServer } from "./support/ports";
import { screenshot } from "./support/screenshots";

const SMTP_PORT = portBesideServer(4);

test("deploying an app without integrations makes version 1, and every Production connection must be authenticated again", async ({ page }) => {
  const me = await signUp(page, newCredentials("deployer"));
  await openSecuritySettings(page);
  const { accountId } = await readAccountIds(page);
  const domain = await readAccountDomain(page, "production");
  const prodKey = await createAccessKey(page, "production");
  const appId = await createApp(page, "Shipping");

  // A Production connection, authenticated for real.
  await openManageIntegrations(page, appId);
  await expect(page.getByText("No integrations in Production yet.")).toBeVisible();
  await openIntegrationsTab(page, "Connections");
  await addConnectedConnection(page, "Kissflow", "Kissflow Production", kissflowCredentials(accountId, domain, prodKey));

  await deployFromBuilder(page, appId, async () => {
    for (const heading of ["Added (0)", "Changed (0)", "Removed (0)", "Archived (0)", "Boards changed (0)", "Connections that will need authentication (0)"]) {
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByText("No new integrations.")).toBeVisible();
    await expect(page.getByText("This will be version 1.")).toBeVisible();
  });
  const history = page.getByRole("table", { name: "Deployment history" });
  await expect(history.getByRole("row")).toHaveCount(2);
  await expect(history.getByRole("row").nth(1)).toContainText("#1");
  await expect(history.getByRole("row").nth(1)).toContainText(me.name);
  await expect(history.getByRole("row").nth(1)).toContainText("No integration changed");

  await page.getByRole("link", { name: "Open the go-live checklist" }).click();
  await expect(page.getByRole("heading", { name: "Go-live checklist" })).toBeVisible();
  await expect(page.getByText(`Version 1 was deployed by ${me.name}`)).toBeVisible();

  // The connection this app does not even use must be reauthenticated too.
  await openIntegrationsTab(page, "Connections");
  const row = connectionRow(page, "Kissflow Production");
  await expect(row.getByText("Reauthentication required")).toBeVisible();
  await expect(row.getByText(DEPLOYED_MESSAGE)).toBeVisible();
  await row.getByRole("link", { name: /Reauthenticate/ }).click();
  await page.getByRole("button", { name: "Reauthenticate and test" }).click();
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();

  // A second deployment is version 2 and marks it again.
  await deployFromBuilder(page, appId, async () => {
    await expect(page.getByText("This will be version 2.")).toBeVisible();
  });
  await expect(page.getByRole("table", { name: "Deployment history" }).getByRole("row")).toHaveCount(3);
  await page.goto(`/apps/${appId}/manage/integrations/connections`);
  await expect(connectionRow(page, "Kissflow Production").getByText("Reauthentication required")).toBeVisible();

  // The audit log says who did it.
  await openUserMenuItem(page, "My settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row").nth(1)).toContainText("Deployed version 2 of Shipping to Production");
  await expect(log.getByRole("row").nth(1)).toContainText(me.name);
  await expect(log.getByText("Authenticated the Production connection Kissflow Production: test passed").first()).toBeVisible();
  await expect(log.getByText("Deployed version 1 of Shipping to Production")).toBeVisible();
  await screenshot(page, "audit-log");
});

const EXPORT = {
  format: "boardflow.integrations",
  version: 1,
  integrations: [
    {
      name: "Mail new orders",
      state: "active",
      definition: {
        trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connection: null, options: {} },
        steps: [
          {
            id: "notify",
            name: "Notify the team",
            connectorKey: "email",
            actionKey: "send_email",
            connection: { name: "Mailer", connectorKey: "email" },
            input: { to: "ops@acme.test", subject: "New order", text: "An order arrived." },
          },
        ],
      },
    },
    {
      name: "Shout",
      state: "active",
      definition: {
        trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connection: null, options: {} },
        steps: [{ id: "format", name: "Format", connectorKey: "utilities", actionKey: "formatter", connection: null, input: { operation: "text_upper", value: "{{trigger.body.name}}" } }],
      },
    },
  ],
};

test("imported integrations deploy Off; one turns on once its connection is authenticated after the deployment", async ({ page }) => {
  const smtp = await startSmtpServer({ port: SMTP_PORT, user: "mailer@acme.test", password: "smtp-pass-123" });
  try {
    await signUp(page, newCredentials("golive"));
    const appId = await createApp(page, "Orders");

    // Import, then export: the file round-trips with no IDs.
    await openDeploy(page, appId);
    const importForm = await importFile(page, "orders.json", JSON.stringify(EXPORT));
    await expect(importForm.getByRole("status")).toHaveText("Imported 2 integrations: Mail new orders, Shout. Connections created (Connect now in the app builder): Mailer.");
    const exported = await page.request.get(`/apps/${appId}/builder/deploy/export`);
    expect(exported.headers()["content-disposition"]).toBe('attachment; filename="orders-integrations.json"');
    const file = await exported.json();
    expect(file.integrations).toEqual(EXPORT.integrations);

    // A file that is not an export is refused, with nothing imported.
    await importFile(page, "n8n.json", '{"nodes": []}');
    await expect(importForm.getByRole("alert")).toContainText("This is not an integrations export of this product");

    await deployFromBuilder(page, appId, async () => {
      await expect(page.getByRole("list", { name: "Added" })).toHaveText(/Mail new orders\s*Shout/);
      const connections = page.getByRole("list", { name: "Connections that will need authentication" });
      await expect(connections).toContainText("Mailer");
      await expect(connections).toContainText("will be created in Production (Connect now)");
      await screenshot(page, "deploy-preview");
    });
    await page.getByRole("link", { name: "Open the go-live checklist" }).click();

    // Both are Live and Off; the table says what each uses.
    const mail = integrationRow(page, "Mail new orders");
    await expect(mail.getByText("Live", { exact: true })).toBeVisible();
    await expect(mail.getByText("Email (SMTP)")).toBeVisible();
    await expect(mail.getByText("Webhook")).toBeVisible();
    await expect(mail.getByText("Never")).toBeVisible();
    await expect(mail.getByRole("cell", { name: "0", exact: true })).toBeVisible();
    await expect(mail.getByText("Deployed version 1: turn it on again once its connections are authenticated.")).toBeVisible();
    const mailSwitch = page.getByRole("switch", { name: "Turn on Mail new orders" });
    await expect(mailSwitch).toHaveAttribute("aria-checked", "false");

    // Turning on is refused with the reason and a way to the Connections tab.
    await mailSwitch.click();
    await expect(mail.getByRole("alert")).toContainText("Mail new orders cannot be turned on. Mailer has never been authenticated: use Connect now on the Connections tab.");
    await expect(mail.getByRole("link", { name: "Connect now Mailer" })).toHaveAttribute("href", /\/manage\/integrations\/connections\/con_/);
    await expect(mailSwitch).toHaveAttribute("aria-checked", "false");

    // The checklist: Mailer keeps "Mail new orders" off; "Turn on all ready" turns on Shout only.
    const checklist = page.getByRole("list", { name: "Connections to authenticate" });
    await expect(checklist).toContainText("Mailer");
    await expect(checklist).toContainText("Keeps off: Mail new orders");
    await page.getByRole("button", { name: "Turn on all ready" }).click();
    await expect(page.getByRole("form", { name: "Turn on all ready" }).getByRole("status")).toContainText("Turned on: Shout. Mail new orders stays off: Mailer has never been authenticated");
    await expect(page.getByRole("switch", { name: "Turn on Shout" })).toHaveAttribute("aria-checked", "true");
    await screenshot(page, "all-integrations");

    // Connect now from the checklist, with the loopback SMTP server.
    await checklist.getByRole("link", { name: "Connect now Mailer" }).click();
    await expect(page.getByRole("heading", { name: "Connect now: Mailer" })).toBeVisible();
    await fillCredentials(page, smtpCredentials(SMTP_PORT, "mailer@acme.test", "smtp-pass-123"));
    await page.getByRole("button", { name: "Connect and test" }).click();
    await expect(connectionRow(page, "Mailer").getByText("Connected", { exact: true })).toBeVisible();

    await openIntegrationsTab(page, "All integrations");
    await expect(page.getByRole("list", { name: "Connections to authenticate" })).toContainText("✓ Ready");
    await page.getByRole("switch", { name: "Turn on Mail new orders" }).click();
    await expect(page.getByRole("switch", { name: "Turn on Mail new orders" })).toHaveAttribute("aria-checked", "true");
    await page.getByRole("switch", { name: "Turn on Shout" }).click();
    await expect(page.getByRole("switch", { name: "Turn on Shout" })).toHaveAttribute("aria-checked", "false");

    // The next deployment turns everything off again.
    await deployFromBuilder(page, appId);
    await page.getByRole("link", { name: "Open the go-live checklist" }).click();
    await expect(page.getByRole("switch", { name: "Turn on Mail new orders" })).toHaveAttribute("aria-checked", "false");
    await expect(integrationRow(page, "Mail new orders").getByText("Deployed version 2: turn it on again once its connections are authenticated.")).toBeVisible();
    await page.getByRole("switch", { name: "Turn on Mail new orders" }).click();
    await expect(integrationRow(page, "Mail new orders").getByRole("alert")).toContainText("Mailer is not authenticated since the last deployment (version 2)");
    expect(await page.content()).not.toContain("smtp-pass-123");
  } finally {
    await smtp.stop();
  }
});

test("members see All integrations and the go-live checklist but cannot switch, deploy or import", async ({ page, browser, baseURL }) => {
  await signUp(page, newCredentials("owner"));
  const appId = await createApp(page, "Read only");
  await openDeploy(page, appId);
  await expect((await importFile(page, "orders.json", JSON.stringify(EXPORT))).getByRole("status")).toContainText("Imported 2 integrations");
  await deployFromBuilder(page, appId);

  const member = await addUser(page, "member");

  const context = await browser.newContext({ baseURL });
  const memberPage = await context.newPage();
  await signIn(memberPage, member);
  await openManageIntegrations(memberPage, appId);
  await expect(integrationRow(memberPage, "Shout").getByText("Live", { exact: true })).toBeVisible();
  await expect(memberPage.getByRole("switch", { name: "Turn on Shout" })).toBeDisabled();
  await expect(memberPage.getByRole("heading", { name: "Go-live checklist" })).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Turn on all ready" })).toHaveCount(0);
  await expect(memberPage.getByRole("link", { name: "Connect now Mailer" })).toHaveCount(0);
  await memberPage.goto(`/apps/${appId}/builder/deploy`);
  await expect(memberPage.getByText("Only builders and admins can open the app builder.")).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Deploy", exact: true })).toHaveCount(0);
  // The audit log is for admins.
  await memberPage.goto("/settings/audit");
  await expect(memberPage.getByRole("alert").filter({ hasText: "Only admins can read the audit log." })).toBeVisible();
  await expect(memberPage.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await context.close();
});
