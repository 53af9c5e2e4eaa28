import { expect, test } from "@playwright/test";
import { newCredentials, signIn, signOut, signUp } from "./support/accounts";

test("a new account signs out through the user menu and signs in again", async ({ page }) => {
  const me = await signUp(page, newCredentials("signin"));
  await expect(page.getByLabel("User menu")).toContainText(me.name);

  await signOut(page);
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, me);
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole("banner").getByText(me.companyName)).toBeVisible();
});

test("the user menu shows who is signed in and closes on Escape, a click outside, or a chosen entry", async ({ page }) => {
  const me = await signUp(page, newCredentials("menu"));
  const menu = page.getByLabel("User menu");
  const signOutButton = page.getByRole("button", { name: "Sign out" });
  await expect(signOutButton).toBeHidden();

  await menu.click();
  await expect(page.getByRole("banner").getByText(me.email)).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Users", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(signOutButton).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await expect(signOutButton).toBeVisible();
  await page.getByRole("heading", { name: "Apps", level: 1 }).click();
  await expect(signOutButton).toBeHidden();

  await menu.click();
  await page.getByRole("banner").getByRole("link", { name: "My settings" }).click();
  await expect(page.getByRole("heading", { name: "Security settings" })).toBeVisible();
  await expect(signOutButton).toBeHidden();
});

test("a wrong password is refused with an alert and the form stays usable", async ({ page }) => {
  const me = await signUp(page, newCredentials("wrongpw"));
  await signOut(page);

  await page.getByLabel("Email").fill(me.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel("Email")).toHaveValue(me.email);

  await page.getByLabel("Password").fill(me.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Apps", level: 1 })).toBeVisible();
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(newCredentials("nobody").email);
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
});

test("the sign-in page links to Create your account", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("link", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/create-account$/);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

for (const path of ["/apps", "/settings/security", "/settings/users", "/apps/app_doesnotexist/builder"]) {
  test(`a signed-out visit to ${path} redirects to sign-in`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("banner")).toHaveCount(0);
  });
}

test("creating an account with an email already registered says so next to Email", async ({ page }) => {
  const me = await signUp(page, newCredentials("dupe"));
  await signOut(page);
  await page.goto("/create-account");
  await page.getByLabel("Company name").fill("Another company");
  await page.getByLabel("Your name").fill("Someone else");
  await page.getByLabel("Email").fill(me.email);
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("form", { name: "Create your account" }).getByRole("alert")).toHaveText("An account with this email already exists. Sign in instead.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("This email is already registered.");
  await expect(page.getByLabel("Company name")).toHaveValue("Another company");
});
