// OAuth 2.0 connections end to end: an admin registers the loopback provider under My settings >
// OAuth apps, then Connect now on the Production Connections tab signs in at the provider and
// comes back Connected; denying consent comes back with the provider's answer. No token and no
// client secret ever reaches a page.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startOAuthServer, type TestOAuthServer } from "../tests/support/oauth-server";
import { newCredentials, signUp } from "./support/accounts";
import { createApp } from "./support/apps";
import { addOAuthApp, answerProvider, openOAuthApps, signOutAtProvider, type OAuthAppSpec } from "./support/oauth";

const CLIENT_ID = "boardflow-e2e";
const CLIENT_SECRET = `e2e-secret-${crypto.randomBytes(12).toString("hex")}`;
const ACCESS_DENIED = "Access was denied at the provider.";

let provider: TestOAuthServer;
let appSpec: OAuthAppSpec;

test.beforeAll(async ({}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  // The port after the server's: inside the block of ports the run was given.
  provider = await startOAuthServer({
    port: Number(new URL(baseURL).port) + 1,
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${baseURL}/api/oauth/callback`] }],
  });
  appSpec = { name: "Loopback CRM", authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl, scopes: "read", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
});

test.afterAll(async () => {
  await provider?.stop();
});

/** Neither the HTML nor the React payload of `path` carries a token or the client secret. */
async function expectNoSecrets(page: Page, path: string): Promise<void> {
  const served = await (await page.request.get(path)).text();
  const rendered = await page.content();
  for (const secret of [CLIENT_SECRET, ...provider.issuedTokens()]) {
    expect(served).not.toContain(secret);
    expect(rendered).not.toContain(secret);
  }
}

test("an admin registers an OAuth app under My settings > OAuth apps", async ({ page, baseURL }) => {
  await signUp(page, newCredentials("oauthapps"));
  await openOAuthApps(page);
  await expect(page).toHaveURL(/\/settings\/oauth-apps$/);
  await expect(page.getByTestId("oauth-redirect-uri")).toHaveText(`${baseURL}/api/oauth/callback`);
  await expect(page.getByText("No OAuth apps yet. Add the first one below.")).toBeVisible();

  // A refused form says what is wrong next to each field and keeps what was typed.
  const form = page.getByRole("form", { name: "New OAuth app" });
  await form.getByLabel("Name").fill("Loopback CRM");
  await form.getByLabel("Token URL").fill("ftp://crm.example/token");
  await form.getByRole("button", { name: "Add OAuth app" }).click();
  await expect(form.getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(form.getByLabel("Token URL")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/^Token URL must start with https:\/\//)).toBeVisible();
  await expect(form.getByText("Client secret is required.")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("Loopback CRM");

  await addOAuthApp(page, appSpec);
  const card = page.getByRole("region", { name: "Loopback CRM" });
  await expect(card).toContainText(CLIENT_ID);
  await expect(card).toContainText("Used by 0 connections");

  // The stored secret shows as "••••" and survives a save that leaves it empty.
  await card.getByText("Edit", { exact: true }).click();
  const edit = page.getByRole("form", { name: "Edit Loopback CRM" });
  await expect(edit.getByLabel("Client secret")).toHaveAttribute("placeholder", "••••");
  await expect(edit.getByLabel("Client secret")).toHaveValue("");
  await edit.getByLabel("Scopes").fill("read  write");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("status")).toHaveText('"Loopback CRM" saved.');
  await page.reload();
  await expect(page.getByRole("region", { name: "Loopback CRM" })).toContainText("read write");
  await expectNoSecrets(page, "/settings/oauth-apps");
});

/** The connection's row on the Connections tab (the Connections UI's contract). */
function connectionRow(page: Page, name: string) {
  return page.getByRole("row").filter({ hasText: name });
}

async function addConnection(page: Page, name: string): Promise<void> {
  const form = page.getByRole("form", { name: "New connection" });
  await form.getByLabel("Connector").selectOption({ label: "OAuth 2.0 app" });
  await form.getByLabel("Connection name").fill(name);
  await form.getByLabel("OAuth app").selectOption({ label: appSpec.name });
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(connectionRow(page, name)).toBeVisible();
}

function connectNow(page: Page, name: string) {
  const row = connectionRow(page, name);
  return row.getByRole("link", { name: "Connect now" }).or(row.getByRole("button", { name: "Connect now" }));
}

test("Connect now signs in at the provider and comes back Connected; denying consent leaves the connection as it was", async ({ page }) => {
  await signUp(page, newCredentials("oauthconnect"));
  await openOAuthApps(page);
  await addOAuthApp(page, appSpec);
  const appId = await createApp(page, "CRM sync");
  const connectionsPath = `/apps/${appId}/manage/integrations/connections`;

  await page.goto(connectionsPath);
  await addConnection(page, "CRM allowed");
  await connectNow(page, "CRM allowed").click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
  await answerProvider(page, "Allow");
  await expect(page).toHaveURL((url) => url.pathname === connectionsPath && url.searchParams.get("oauth") === "connected");
  await expect(connectionRow(page, "CRM allowed")).toContainText("Connected");
  expect(provider.issuedTokens().length).toBeGreaterThan(0);

  // A fresh sign-in at the provider, so it asks for consent again instead of remembering it.
  await signOutAtProvider(page);
  await addConnection(page, "CRM denied");
  await connectNow(page, "CRM denied").click();
  await answerProvider(page, "Deny");
  await expect(page).toHaveURL((url) => url.pathname === connectionsPath && url.searchParams.get("oauth_error") === ACCESS_DENIED);
  await expect(page.getByRole("alert").filter({ hasText: ACCESS_DENIED })).toBeVisible();
  await expect(connectNow(page, "CRM denied")).toBeVisible();
  await expect(connectionRow(page, "CRM allowed")).toContainText("Connected");

  await page.reload();
  await expectNoSecrets(page, connectionsPath);
  await expectNoSecrets(page, "/settings/oauth-apps");
});
