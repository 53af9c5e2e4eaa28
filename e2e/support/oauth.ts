// OAuth apps under My settings > OAuth apps, and a person answering the loopback test provider's
// pages (tests/support/oauth-server.ts): "Username" + "Sign in", then "Allow" or "Deny".
import { expect, type Page } from "@playwright/test";
import { openUserMenuItem } from "./accounts";

export type OAuthAppSpec = { name: string; authorizeUrl: string; tokenUrl: string; scopes: string; clientId: string; clientSecret: string; testUrl?: string };

/** Opens My settings > OAuth apps from the user menu. */
export async function openOAuthApps(page: Page): Promise<void> {
  await openUserMenuItem(page, "My settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "OAuth apps" }).click();
  await expect(page.getByRole("heading", { name: "OAuth apps", level: 2 })).toBeVisible();
}

/** Fills the "New OAuth app" form and waits for the app in the list. */
export async function addOAuthApp(page: Page, app: OAuthAppSpec): Promise<void> {
  const form = page.getByRole("form", { name: "New OAuth app" });
  await form.getByLabel("Name").fill(app.name);
  await form.getByLabel("Authorize URL").fill(app.authorizeUrl);
  await form.getByLabel("Token URL").fill(app.tokenUrl);
  await form.getByLabel("Scopes").fill(app.scopes);
  await form.getByLabel("Client ID").fill(app.clientId);
  await form.getByLabel("Client secret").fill(app.clientSecret);
  if (app.testUrl) await form.getByLabel("Test URL").fill(app.testUrl);
  await form.getByRole("button", { name: "Add OAuth app" }).click();
  await expect(form.getByRole("status")).toHaveText(`"${app.name}" added: builders can now choose it for a new connection.`);
  await expect(page.getByRole("list", { name: "OAuth apps" }).getByRole("region", { name: app.name })).toBeVisible();
}

/** Signs in at the provider when it asks (it remembers a session), then answers its consent page. */
export async function answerProvider(page: Page, decision: "Allow" | "Deny", username = "ada"): Promise<void> {
  const decide = page.getByRole("button", { name: decision });
  const signIn = page.getByRole("button", { name: "Sign in" });
  await expect(decide.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) {
    await page.getByLabel("Username").fill(username);
    await signIn.click();
  }
  await decide.click();
}

/**
 * Forgets the provider's session and grants in this browser (its cookies share the host with the
 * app's, on another port), so the next Connect now asks to sign in and consent again.
 */
export async function signOutAtProvider(page: Page): Promise<void> {
  await page.context().clearCookies({ name: /^_(session|interaction)/ });
}
