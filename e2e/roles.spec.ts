import { expect, test, type Browser, type Page } from "@playwright/test";
import { addUser, newCredentials, openUserMenuItem, signIn, signUp, usersRow, type Credentials } from "./support/accounts";
import { addItem, createAppWithBoard, itemRow } from "./support/apps";
import { deployFromBuilder } from "./support/deploy";

/** A second browser context, signed in as `who`: its own cookies, like another person's browser. */
async function signedInPage(browser: Browser, who: Credentials, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

test("an admin adds a member and a builder; the member uses apps but cannot build them", async ({ page, browser, baseURL }) => {
  const admin = await signUp(page, newCredentials("admin"));
  await openUserMenuItem(page, "Users");
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(usersRow(page, admin.email)).toContainText("You");
  const member = await addUser(page, "member");
  const builder = await addUser(page, "builder");
  await expect(usersRow(page, member.email).getByRole("combobox", { name: `Role of ${member.name}` })).toHaveValue("member");
  await expect(usersRow(page, builder.email).getByRole("combobox", { name: `Role of ${builder.name}` })).toHaveValue("builder");

  const { appId, boardId } = await createAppWithBoard(page, { appName: "Team requests" });
  await deployFromBuilder(page, appId);

  const memberPage = await signedInPage(browser, member, baseURL!);
  await expect(memberPage.getByRole("banner").getByText(admin.companyName)).toBeVisible();
  const card = memberPage.getByRole("list", { name: "Apps" }).getByRole("listitem").filter({ hasText: "Team requests" });
  await expect(card.getByRole("link", { name: "Open Team requests" })).toBeVisible();
  await expect(card.getByRole("link", { name: /Edit app/ })).toHaveCount(0);
  await expect(memberPage.getByRole("heading", { name: "New app" })).toHaveCount(0);
  await expect(memberPage.getByRole("button", { name: "Create app" })).toHaveCount(0);
  await memberPage.getByLabel("User menu").click();
  await expect(memberPage.getByRole("banner").getByRole("link", { name: "Users", exact: true })).toHaveCount(0);

  await memberPage.goto(`/apps/${appId}/builder`);
  await expect(memberPage.getByRole("main").getByRole("alert")).toHaveText(/Only builders and admins can open the app builder\./);
  await expect(memberPage.getByRole("form", { name: "New board" })).toHaveCount(0);
  await memberPage.goto(`/apps/${appId}/builder/boards/${boardId}`);
  await expect(memberPage.getByRole("main").getByRole("alert")).toHaveText(/Only builders and admins can open the app builder\./);
  await expect(memberPage.getByRole("form", { name: "Add field" })).toHaveCount(0);

  await memberPage.goto("/settings/users");
  await expect(memberPage.getByRole("main").getByRole("alert")).toHaveText("Only admins can manage the account's users.");

  await memberPage.goto("/apps");
  await card.getByRole("link", { name: "Open Team requests" }).click();
  await expect(memberPage.getByRole("heading", { name: "Team requests", level: 1 })).toBeVisible();
  await expect(memberPage.getByText("Production", { exact: true })).toBeVisible();
  await expect(memberPage.getByRole("link", { name: "Edit app" })).toHaveCount(0);
  await addItem(memberPage, { Title: "Added by a member", Quantity: "5" });

  // The admin sees the member's item in Production.
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await expect(itemRow(page, "Added by a member")).toContainText("5");

  // The builder can open the app builder.
  const builderPage = await signedInPage(browser, builder, baseURL!);
  await expect(builderPage.getByRole("heading", { name: "New app" })).toBeVisible();
  await builderPage.getByRole("link", { name: "Edit app Team requests" }).click();
  await expect(builderPage.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(builderPage.getByRole("complementary").getByText("Development", { exact: true })).toBeVisible();

  await memberPage.context().close();
  await builderPage.context().close();
});

test("a role change takes effect on the next page, and a removed user is signed out", async ({ page, browser, baseURL }) => {
  await signUp(page, newCredentials("admin"));
  const member = await addUser(page, "member");
  const memberPage = await signedInPage(browser, member, baseURL!);
  await expect(memberPage.getByRole("heading", { name: "New app" })).toHaveCount(0);

  const roleForm = usersRow(page, member.email).getByRole("form", { name: `Role of ${member.name}` });
  await roleForm.getByRole("combobox", { name: `Role of ${member.name}` }).selectOption("builder");
  await roleForm.getByRole("button", { name: "Save" }).click();
  await expect(roleForm.getByRole("status")).toHaveText("Role changed.");
  await page.reload();
  await expect(usersRow(page, member.email).getByRole("combobox", { name: `Role of ${member.name}` })).toHaveValue("builder");

  await memberPage.reload();
  await expect(memberPage.getByRole("heading", { name: "New app" })).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await usersRow(page, member.email).getByRole("button", { name: "Remove" }).click();
  await expect(usersRow(page, member.email)).toHaveCount(0);
  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password").fill(member.password);
  await memberPage.getByRole("button", { name: "Sign in" }).click();
  await expect(memberPage.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await memberPage.context().close();
});

test("the last admin cannot demote themselves", async ({ page }) => {
  const admin = await signUp(page, newCredentials("admin"));
  await page.goto("/settings/users");
  const roleForm = usersRow(page, admin.email).getByRole("form", { name: `Role of ${admin.name}` });
  await roleForm.getByRole("combobox", { name: `Role of ${admin.name}` }).selectOption("member");
  await roleForm.getByRole("button", { name: "Save" }).click();
  await expect(roleForm.getByRole("alert")).toHaveText("The account needs at least one admin.");
  await page.reload();
  await expect(usersRow(page, admin.email).getByRole("combobox", { name: `Role of ${admin.name}` })).toHaveValue("admin");
});

test("another account's app and board URLs show a 404 page, not a crash", async ({ page, browser, baseURL }) => {
  await signUp(page, newCredentials("owner"));
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Private app", fields: [{ name: "Title", type: "Text", required: true }] });
  await deployFromBuilder(page, appId);
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await addItem(page, { Title: "Secret item" });
  const itemHref = await itemRow(page, "Secret item").getByRole("link", { name: /^Edit/ }).getAttribute("href");

  const context = await browser.newContext({ baseURL });
  const stranger = await context.newPage();
  await signUp(stranger, newCredentials("stranger"));
  for (const path of [`/apps/${appId}`, `/apps/${appId}/boards/${boardId}`, `/apps/${appId}/builder`, `/apps/${appId}/builder/boards/${boardId}`, itemHref!]) {
    const response = await stranger.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(stranger.getByRole("link", { name: "Back to Apps" })).toBeVisible();
    await expect(stranger.getByText("Private app")).toHaveCount(0);
    await expect(stranger.getByText("Secret item")).toHaveCount(0);
  }
  await expect(stranger.getByRole("list", { name: "Apps" })).toHaveCount(0);
  await stranger.getByRole("link", { name: "Back to Apps" }).click();
  await expect(stranger.getByText("No apps yet.")).toBeVisible();
  expect((await stranger.goto("/no-such-page"))?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await context.close();
});
