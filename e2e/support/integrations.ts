// The app builder's integrations, driven through the pages: Development connections, the
// Integration list and its rows, and the labelled fields of the editor.
import { expect, type Locator, type Page } from "@playwright/test";

/** A field by its label; required fields' labels end in a " *" that screen readers skip. */
export const field = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
export const builderNav = (page: Page) => page.getByRole("navigation", { name: "App builder" });

export async function addConnection(page: Page, connector: string, name: string, fields: Record<string, string>) {
  await builderNav(page).getByRole("link", { name: "Connections" }).click();
  const form = page.getByRole("form", { name: "New connection" });
  await form.getByLabel("Connector").selectOption({ label: connector });
  await form.getByLabel("Connection name").fill(name);
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: `Connect now: ${name}` })).toBeVisible();
  for (const [label, value] of Object.entries(fields)) await field(page.locator("main"), label).fill(value);
  await page.getByRole("button", { name: "Connect and test" }).click();
  const row = page.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
}

/** A row of Logic > Integration, by the integration's name. */
export const integrationRow = (page: Page, name: string) => page.getByRole("table", { name: "Integrations" }).getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

/** Logic > Integration > New integration; lands in the editor of the new integration. */
export async function newIntegration(page: Page, name: string): Promise<void> {
  await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
  const form = page.getByRole("form", { name: "New integration" });
  await form.getByLabel("Integration name").fill(name);
  await form.getByRole("button", { name: "New integration" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}
