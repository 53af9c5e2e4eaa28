// The app builder's Logic > Integration (the list and the integration editor) and Production's
// All integrations tab, as a builder uses them.
import { expect, type Locator, type Page } from "@playwright/test";

export function builderNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "App builder" });
}

/** Step `n` (from 1) of the integration open in the editor. */
export function stepRegion(page: Page, n: number): Locator {
  return page.getByRole("region", { name: new RegExp(`^Step ${n}: `) });
}

/** A row of the app builder's Integration list. */
export function builderIntegrationRow(page: Page, name: string): Locator {
  return page.getByRole("table", { name: "Integrations" }).getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** A row of Production's All integrations tab (found by its switch, so "Copy of X" is not X). */
export function productionIntegrationRow(page: Page, name: string): Locator {
  return page.getByRole("table", { name: "All integrations" }).getByRole("row").filter({ has: page.getByRole("switch", { name: `Turn on ${name}`, exact: true }) });
}

/** Logic > Integration, then New integration: lands in the editor of the new integration. */
export async function newIntegration(page: Page, name: string): Promise<void> {
  await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Integration", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "New integration" });
  await form.getByLabel("Integration name").fill(name);
  await form.getByRole("button", { name: "New integration" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** Chooses `reference` in the "Insert data" list of an input: it goes in at the input's cursor. */
export async function insertData(scope: Locator, inputLabel: string, reference: string): Promise<void> {
  await scope.getByLabel(`Insert data into ${inputLabel}`).selectOption(reference);
}

/** Types at the end of an input's text, e.g. after what "Insert data" put in. */
export async function typeAtEnd(input: Locator, text: string): Promise<void> {
  await input.focus();
  await input.press("End");
  await input.pressSequentially(text);
}
