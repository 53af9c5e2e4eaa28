// Integrations as a builder drives them: the editor's fields and steps, import and Deploy in the
// app builder, then Production's Manage > Integrations (its tabs, connections and switches).
import { expect, type Locator, type Page } from "@playwright/test";

/** A field by its label; required fields' labels end in a " *" that screen readers skip. */
export const field = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

export const builderNav = (page: Page) => page.getByRole("navigation", { name: "App builder" });

/** Step `n` (from 1) of the integration editor. */
export const step = (page: Page, n: number) => page.getByRole("region", { name: new RegExp(`^Step ${n}: `) });

export async function openDeploy(page: Page, appId: string) {
  await page.goto(`/apps/${appId}/builder`);
  await page.getByRole("complementary").getByRole("link", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Deploy", level: 1 })).toBeVisible();
}

/** Deploy, review the preview (`check` looks at it), confirm, and wait for the result. */
export async function deployFromBuilder(page: Page, appId: string, check: (page: Page) => Promise<void> = async () => {}) {
  await openDeploy(page, appId);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Connections that will need authentication/ })).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: "Deploy to Production" }).click();
  await expect(page.getByRole("status", { name: "Deployment result" })).toContainText("was deployed to Production.");
}

/** Imports an integrations file on the Deploy page; returns the form, whose status says what happened. */
export async function importIntegrations(page: Page, appId: string, file: unknown) {
  await openDeploy(page, appId);
  const form = page.getByRole("form", { name: "Import integrations" });
  await form.getByLabel("Integrations file (JSON)").setInputFiles({ name: "integrations.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await form.getByRole("button", { name: "Import integrations" }).click();
  return form;
}

export type ManageTab = "All integrations" | "Connections" | "Run history";

/** The app in Production, then Manage > Integrations, then one of its tabs. */
export async function openManageIntegrations(page: Page, appId: string, tab: ManageTab = "All integrations") {
  await page.goto(`/apps/${appId}`);
  await page.locator("summary", { hasText: "Manage" }).click();
  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/manage/integrations/all$`));
  const link = page.getByRole("navigation", { name: "Integrations" }).getByRole("link", { name: tab });
  if (tab !== "All integrations") await link.click();
  await expect(link).toHaveAttribute("aria-current", "page");
}

export function connectionRow(page: Page, name: string) {
  return page.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: name });
}

export function integrationRow(page: Page, name: string) {
  return page.getByRole("table", { name: "All integrations" }).getByRole("row").filter({ hasText: name });
}

export type KissflowCredentials = { accountId: string; domain: string; keyId: string; secret: string };

/** Fills the Kissflow connection form (Connect now or Reauthenticate) and submits it. */
export async function submitKissflowCredentials(page: Page, { accountId, domain, keyId, secret }: KissflowCredentials, button: "Connect and test" | "Reauthenticate and test" = "Connect and test") {
  await page.getByLabel("Account ID").fill(accountId);
  await page.getByLabel("Account domain").fill(domain);
  await page.getByLabel("Access key ID").fill(keyId);
  await page.getByLabel("Access key secret").fill(secret);
  await page.getByRole("button", { name: button }).click();
}
