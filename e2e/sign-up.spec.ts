import { expect, test } from "@playwright/test";

test("a first visitor creates the account and lands on Apps", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Company name").fill("Acme Corp");
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill("ada@acme.test");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Apps" })).toBeVisible();
  await expect(page.getByText("Acme Corp")).toBeVisible();
});
