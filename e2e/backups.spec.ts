// My settings > Backups: an admin reads when the data folder was last backed up and how to take
// one; `npm run backup` taken on the running server shows there; members are not shown it.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { addUser, newCredentials, signIn, signUp } from "./support/accounts";
import { screenshot } from "./support/screenshots";

test("an admin sees the last backup and the commands; a member is told only admins can", async ({ page, browser, baseURL }) => {
  await signUp(page, newCredentials("admin"));
  const member = await addUser(page, "member");
  await page.goto("/settings/security");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Backups" }).click();
  await expect(page.getByRole("heading", { name: "Backups", level: 2 })).toBeVisible();
  await expect(page.getByText("npm run backup -- /backups/boardflow-$(date +%F).tar.gz")).toBeVisible();

  const file = path.join(os.tmpdir(), `boardflow-e2e-backup-${Date.now()}.tar.gz`);
  const output = execFileSync("npx", ["tsx", "scripts/backup.ts", file], { encoding: "utf8", env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR } });
  expect(output).toMatch(/^Backed up [\d,]+ runs to /);
  await page.reload();
  await expect(page.getByTestId("last-backup-time")).toContainText(`${new Date().toISOString().slice(0, 10)}`);
  await expect(page.getByText(path.basename(file))).toBeVisible();
  await screenshot(page, "settings-backups");

  const context = await browser.newContext({ baseURL });
  const memberPage = await context.newPage();
  await signIn(memberPage, member);
  await memberPage.goto("/settings/backups");
  await expect(memberPage.getByRole("main").getByRole("alert")).toHaveText("Only admins can see backups.");
  await expect(memberPage.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Backups" })).toHaveCount(0);
  await context.close();
});
