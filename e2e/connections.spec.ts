import { expect, test } from "@playwright/test";
import { startSmtpServer } from "../tests/support/smtp-server";
import { createAccessKey, openSecuritySettings, readAccountDomain, readAccountIds } from "./support/access-keys";
import { addUser, newCredentials, signIn, signUp } from "./support/accounts";
import { createApp } from "./support/apps";
import { addConnection, connectionRow, fillCredentials, kissflowCredentials, openProductionConnections as openConnections, testConnectionAgain } from "./support/connections";
import { portBesideServer } from "./support/ports";

const SMTP_PORT = portBesideServer(1);

test("a Kissflow connection in Production refuses a Development key and connects with Production credentials", async ({ page }) => {
  await signUp(page, newCredentials("conn"));
  await openSecuritySettings(page);
  const { accountId } = await readAccountIds(page);
  const domain = await readAccountDomain(page, "production");
  const prodKey = await createAccessKey(page, "production");
  const devKey = await createAccessKey(page, "development");
  const appId = await createApp(page, "Purchasing");

  await openConnections(page, appId);
  await addConnection(page, "Kissflow", "Kissflow Production");
  await fillCredentials(page, kissflowCredentials(accountId, domain, devKey));
  await page.getByRole("button", { name: "Connect and test" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Production credentials are needed" })).toBeVisible();

  // Nothing was stored: the list still offers Connect now.
  await page.getByRole("link", { name: "← Back to Connections" }).click();
  const row = connectionRow(page, "Kissflow Production");
  await expect(row.getByText("Reauthentication required")).toBeVisible();
  await expect(row.getByText("Never authenticated")).toBeVisible();
  await row.getByRole("link", { name: /Connect now/ }).click();

  await fillCredentials(page, kissflowCredentials(accountId, domain, prodKey));
  await page.getByRole("button", { name: "Connect and test" }).click();
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
  await expect(row.getByText(/Connected as .* \(Production, /)).toBeVisible();
  await expect(row.locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await expect(row.getByText("Used in 0 integrations")).toBeVisible();

  // Test connection calls the API again and records the time.
  await testConnectionAgain(row);

  // Reauthenticate: the stored secret shows as ••••, and a blank secret keeps it.
  await row.getByRole("link", { name: /Reauthenticate/ }).click();
  await expect(page.getByLabel("Access key secret")).toHaveAttribute("placeholder", "••••");
  await expect(page.getByLabel("Account ID")).toHaveValue(accountId);
  await page.getByRole("button", { name: "Reauthenticate and test" }).click();
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();

  const html = await (await page.request.get(page.url())).text();
  expect(html).not.toContain(prodKey.secret);
  expect(await page.content()).not.toContain(prodKey.secret);
});

test("Development connections are separate from Production ones", async ({ page }) => {
  await signUp(page, newCredentials("envs"));
  const appId = await createApp(page, "Separate");
  await page.getByRole("navigation", { name: "App builder" }).getByRole("link", { name: "Connections" }).click();
  await addConnection(page, "Kissflow", "Kissflow Dev");
  await page.getByRole("link", { name: "← Back to Connections" }).click();
  await expect(connectionRow(page, "Kissflow Dev")).toBeVisible();

  await openConnections(page, appId);
  await expect(page.getByText("No connections yet.")).toBeVisible();
});

test("an SMTP connection logs in to the server and delivers a test email", async ({ page }) => {
  const smtp = await startSmtpServer({ port: SMTP_PORT, user: "mailer@acme.test", password: "smtp-pass-123" });
  try {
    await signUp(page, newCredentials("smtp"));
    const appId = await createApp(page, "Mail");
    await openConnections(page, appId);
    await addConnection(page, "Email (SMTP)", "Outgoing mail");
    await page.getByLabel("Host").fill("127.0.0.1");
    await page.getByLabel("Port").fill(String(SMTP_PORT));
    await page.getByLabel("User", { exact: true }).fill("mailer@acme.test");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByLabel("From address").fill("Acme <mailer@acme.test>");
    await page.getByLabel("Send test email to").fill("ops@acme.test");
    await page.getByRole("button", { name: "Connect and test" }).click();
    const row = connectionRow(page, "Outgoing mail");
    await expect(row.getByText("Failed", { exact: true })).toBeVisible();
    await expect(row.getByText(/refused the login/).first()).toBeVisible();
    expect(smtp.received).toHaveLength(0);

    await row.getByRole("link", { name: /Reauthenticate/ }).click();
    await page.getByLabel("Password").fill("smtp-pass-123");
    await page.getByRole("button", { name: "Reauthenticate and test" }).click();
    await expect(row.getByText("Connected", { exact: true })).toBeVisible();
    await expect(row.getByText(/test email sent to ops@acme\.test/)).toBeVisible();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["ops@acme.test"]);
    expect(await page.content()).not.toContain("smtp-pass-123");
  } finally {
    await smtp.stop();
  }
});

test("members see connections but cannot change them", async ({ page, browser }) => {
  await signUp(page, newCredentials("owner"));
  const appId = await createApp(page, "Shared");
  await openConnections(page, appId);
  await addConnection(page, "Kissflow", "Kissflow Production");
  const member = await addUser(page, "member");

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  await openConnections(memberPage, appId);
  await expect(connectionRow(memberPage, "Kissflow Production")).toBeVisible();
  await expect(memberPage.getByRole("link", { name: /Connect now/ })).toHaveCount(0);
  await expect(memberPage.getByRole("form", { name: "New connection" })).toHaveCount(0);
  await memberContext.close();
});
