// Accounts for the specs. Every spec signs up its own company with a unique email, so the specs
// share one server and one data folder without depending on each other's rows.
import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";

export type Credentials = { companyName: string; name: string; email: string; password: string };

/** A fresh identity: `ada-k2x9q1@e2e.test` and a company named after it. */
export function newCredentials(who = "user"): Credentials {
  const suffix = `${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`;
  return {
    companyName: `${who[0].toUpperCase()}${who.slice(1)} Co ${suffix}`,
    name: `${who[0].toUpperCase()}${who.slice(1)} ${suffix}`,
    email: `${who}-${suffix}@e2e.test`,
    password: `pass-${suffix}-word`,
  };
}

/** Creates a new company account from "Create your account" and lands on Apps, signed in as its admin. */
export async function signUp(page: Page, credentials: Credentials = newCredentials("admin")): Promise<Credentials> {
  await page.goto("/create-account");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Company name").fill(credentials.companyName);
  await page.getByLabel("Your name").fill(credentials.name);
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Apps", level: 1 })).toBeVisible();
  await expect(page.getByRole("banner").getByText(credentials.companyName)).toBeVisible();
  return credentials;
}

/** Signs in from the sign-in page and waits for Apps. */
export async function signIn(page: Page, { email, password }: Pick<Credentials, "email" | "password">): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Apps", level: 1 })).toBeVisible();
}

/** Opens the header's user menu and follows one of its entries ("My settings", "Users"). */
export async function openUserMenuItem(page: Page, name: "My settings" | "Users"): Promise<void> {
  await page.getByLabel("User menu").click();
  await page.getByRole("banner").getByRole("link", { name, exact: true }).click();
  // The menu closes once an entry is chosen instead of staying open over the next page.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
}

/** Signs out through the user menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

export type Role = "admin" | "builder" | "member";

/** Adds a user with a role from Users (the admin's page must be signed in); returns their credentials. */
export async function addUser(page: Page, role: Role): Promise<Credentials> {
  const person = newCredentials(role);
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Add user" });
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel("Temporary password").fill(person.password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toHaveText(`${person.name} can now sign in with ${person.email}.`);
  await expect(usersRow(page, person.email)).toBeVisible();
  return person;
}

export function usersRow(page: Page, email: string) {
  return page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: email });
}
