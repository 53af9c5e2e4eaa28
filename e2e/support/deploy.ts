// Deploy from the app builder, the way a builder does it: the Deploy page, its preview, the confirmation.
import { expect, type Locator, type Page } from "@playwright/test";

/** What every Production connection says after a deployment. */
export const DEPLOYED_MESSAGE = "A new version was deployed: authenticate this connection again with Production credentials.";

export async function openDeploy(page: Page, appId: string): Promise<void> {
  await page.goto(`/apps/${appId}/builder`);
  await page.getByRole("complementary").getByRole("link", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Deploy", level: 1 })).toBeVisible();
}

/** Deploy, review the preview (`check` looks at it before confirming), confirm, and wait for the result. */
export async function deployFromBuilder(page: Page, appId: string, check: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  await openDeploy(page, appId);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Connections that will need authentication/ })).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: "Deploy to Production" }).click();
  await expect(page.getByRole("status", { name: "Deployment result" })).toContainText("was deployed to Production.");
}

/** On the Deploy page: imports a file through "Import integrations"; returns the form for its answer. */
export async function importFile(page: Page, name: string, content: string): Promise<Locator> {
  const form = page.getByRole("form", { name: "Import integrations" });
  await form.getByLabel("Integrations file (JSON)").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  await form.getByRole("button", { name: "Import integrations" }).click();
  return form;
}
