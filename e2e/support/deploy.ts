// Deploying from the app builder and reaching Production's Manage > Integrations, as a builder does.
import { expect, type Page } from "@playwright/test";

export async function openDeploy(page: Page, appId: string) {
  await page.goto(`/apps/${appId}/builder`);
  await page.getByRole("complementary").getByRole("link", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Deploy", level: 1 })).toBeVisible();
}

/** Deploy, review the preview, confirm; returns the preview's region for assertions made before confirming. */
export async function deployFromBuilder(page: Page, appId: string, check: (page: Page) => Promise<void> = async () => {}) {
  await openDeploy(page, appId);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Connections that will need authentication/ })).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: "Deploy to Production" }).click();
  await expect(page.getByRole("status", { name: "Deployment result" })).toContainText("was deployed to Production.");
}

export async function openManageIntegrations(page: Page, appId: string) {
  await page.goto(`/apps/${appId}`);
  await page.locator("summary", { hasText: "Manage" }).click();
  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/manage/integrations/all$`));
  await expect(page.getByRole("link", { name: "All integrations" })).toHaveAttribute("aria-current", "page");
}
