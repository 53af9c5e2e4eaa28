// Connections through the pages: the Connections list of either environment (the app builder's,
// or Production's Manage > Integrations > Connections), a new connection and its credentials form.
import { expect, type Locator, type Page } from "@playwright/test";

/** An input by its label; required inputs' labels end in a " *" that screen readers skip. */
export function labelled(scope: Locator | Page, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

export function connectionRow(page: Page, name: string): Locator {
  return page.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: name });
}

/** Opens the app in Production, then Manage > Integrations, which lands on All integrations. */
export async function openManageIntegrations(page: Page, appId: string): Promise<void> {
  await page.goto(`/apps/${appId}`);
  await page.locator("summary", { hasText: "Manage" }).click();
  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/manage/integrations/all$`));
  await expect(page.getByRole("link", { name: "All integrations" })).toHaveAttribute("aria-current", "page");
}

/** On Manage > Integrations: opens one of its tabs. */
export async function openIntegrationsTab(page: Page, tab: "All integrations" | "Connections" | "Run history"): Promise<void> {
  const link = page.getByRole("navigation", { name: "Integrations" }).getByRole("link", { name: tab, exact: true });
  await link.click();
  await expect(link).toHaveAttribute("aria-current", "page");
}

/** Manage > Integrations > Connections in Production. */
export async function openProductionConnections(page: Page, appId: string): Promise<void> {
  await openManageIntegrations(page, appId);
  await openIntegrationsTab(page, "Connections");
}

/** On a Connections list: adds a connection, which opens its "Connect now" form. */
export async function addConnection(page: Page, connector: string, name: string): Promise<void> {
  const form = page.getByRole("form", { name: "New connection" });
  await form.getByLabel("Connector").selectOption({ label: connector });
  await form.getByLabel("Connection name").fill(name);
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: `Connect now: ${name}` })).toBeVisible();
}

/** Fills a connection's credentials form, input by label. */
export async function fillCredentials(page: Page, credentials: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(credentials)) await labelled(page.locator("main"), label).fill(value);
}

/** Adds a connection, authenticates it with `credentials` and waits for it Connected in the list. */
export async function addConnectedConnection(page: Page, connector: string, name: string, credentials: Record<string, string>): Promise<void> {
  await addConnection(page, connector, name);
  await fillCredentials(page, credentials);
  await page.getByRole("button", { name: "Connect and test" }).click();
  await expect(connectionRow(page, name).getByText("Connected", { exact: true })).toBeVisible();
}

/** Test connection on an authenticated connection's row: waits for a newer "Last tested" and Connected. */
export async function testConnectionAgain(row: Locator): Promise<void> {
  const before = await row.locator("time").getAttribute("datetime");
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.locator("time")).not.toHaveAttribute("datetime", before!);
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
}

/** The credentials of a Kissflow connection to this instance, as the form labels them. */
export function kissflowCredentials(accountId: string, domain: string, key: { keyId: string; secret: string }): Record<string, string> {
  return { "Account ID": accountId, "Account domain": domain, "Access key ID": key.keyId, "Access key secret": key.secret };
}

/** The credentials of an Email (SMTP) connection to a loopback server without TLS. */
export function smtpCredentials(port: number, user: string, password: string): Record<string, string> {
  return { Host: "127.0.0.1", Port: String(port), User: user, Password: password, "From address": `Acme <${user}>` };
}
