import { expect, test } from "@playwright/test";
import { newCredentials, signUp } from "./support/accounts";
import { screenshot } from "./support/screenshots";
import { createAccessKey, environmentSection, openSecuritySettings, readAccountIds, signUpWithAccessKey } from "./support/access-keys";

test.use({ viewport: { width: 1280, height: 800 } });

test("API authentication shows each environment's Account ID and Account domain", async ({ page, baseURL }) => {
  await signUp(page, newCredentials("apiauth"));
  await openSecuritySettings(page);
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Security settings" })).toHaveAttribute("aria-current", "page");

  const { accountId, devAccountId } = await readAccountIds(page);
  expect(accountId).toMatch(/^Ac[0-9A-Za-z]{6}$/);
  expect(devAccountId).toBe(`${accountId}-dev`);

  const host = new URL(baseURL!).host;
  for (const environment of ["production", "development"] as const) {
    const section = environmentSection(page, environment);
    await expect(section.locator("dl").getByText("Account ID", { exact: true })).toBeVisible();
    await expect(section.locator("dl").getByText("Account domain", { exact: true })).toBeVisible();
    await expect(section.getByTestId(`account-domain-${environment}`)).toHaveText(host);
    await expect(section.getByRole("heading", { name: "Access keys" })).toBeVisible();
  }
  await expect(environmentSection(page, "production").getByTestId("account-id-production")).toHaveText(accountId);
  await expect(environmentSection(page, "development").getByTestId("account-id-development")).toHaveText(devAccountId);
});

test("a Production access key's secret is shown once, then only its ID is listed until it is revoked", async ({ page }) => {
  await signUp(page, newCredentials("keys"));
  await openSecuritySettings(page);
  const production = environmentSection(page, "production");
  const development = environmentSection(page, "development");
  await expect(production.getByText("You have no Production access keys.")).toBeVisible();

  const { keyId, secret } = await createAccessKey(page, "production", "Kissflow connection");
  expect(secret.length).toBeGreaterThanOrEqual(32);
  await expect(production.getByRole("status")).toContainText("it will not be shown again");
  await expect(production.getByRole("table", { name: "Production access keys" }).getByRole("row", { name: new RegExp(keyId) })).toContainText("Kissflow connection");
  await expect(development.getByText("You have no Development access keys.")).toBeVisible();

  await page.reload();
  const row = production.getByRole("table", { name: "Production access keys" }).getByRole("row").filter({ hasText: keyId });
  await expect(row).toContainText("Kissflow connection");
  await expect(row).toContainText("Never");
  await expect(page.getByTestId("new-key-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  // Neither the HTML nor the React payload the server sends carries the secret.
  const html = await (await page.request.get("/settings/security")).text();
  expect(html).toContain(keyId);
  expect(html).not.toContain(secret);

  await screenshot(page, "api-authentication");

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(production.getByText("You have no Production access keys.")).toBeVisible();
  await expect(page.getByText(keyId)).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(keyId)).toHaveCount(0);
});

test("a Development access key is listed under Development only", async ({ page }) => {
  const account = await signUpWithAccessKey(page, "development");
  expect(account.devAccountId).toBe(`${account.accountId}-dev`);
  expect(account.keyId).toMatch(/^AK/);
  await page.reload();
  await expect(environmentSection(page, "development").getByRole("table", { name: "Development access keys" })).toContainText(account.keyId);
  await expect(environmentSection(page, "production").getByText(account.keyId)).toHaveCount(0);
  await expect(environmentSection(page, "production").getByText("You have no Production access keys.")).toBeVisible();
});

test("a key needs a name", async ({ page }) => {
  await signUp(page, newCredentials("keyname"));
  await openSecuritySettings(page);
  const form = environmentSection(page, "production").getByRole("form", { name: "Create Production access key" });
  await form.getByRole("button", { name: "Create access key" }).click();
  await expect(form.getByLabel("Key name")).toHaveAccessibleDescription("Key name is required.");
  await expect(page.getByTestId("new-key-secret")).toHaveCount(0);
});
