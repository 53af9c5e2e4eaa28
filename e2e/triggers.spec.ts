// What produces runs, in Chromium: a webhook posted to an integration's address (Development,
// then Production after deploying), the Development On/Off switch, and the catch-up offered when
// an integration with a board trigger is turned on after items arrived while it was off.
import { expect, test, type Page } from "@playwright/test";
import { createAccessKey, openSecuritySettings, readAccountDomain, readAccountIds } from "./support/access-keys";
import { newCredentials, signUp } from "./support/accounts";
import { addItem, createAppWithBoard, itemRow } from "./support/apps";
import { addConnectedConnection, fillCredentials, kissflowCredentials, labelled as field, openIntegrationsTab, openManageIntegrations } from "./support/connections";
import { deployFromBuilder } from "./support/deploy";
import { builderIntegrationRow, builderNav, newIntegration, productionIntegrationRow, stepRegion } from "./support/integrations";
import { screenshot } from "./support/screenshots";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** An account with an app whose board "Orders" has a Title, a Development Kissflow connection, and a Production key. */
async function orderDesk(page: Page, who: string) {
  await signUp(page, newCredentials(who));
  await openSecuritySettings(page);
  const ids = await readAccountIds(page);
  const devDomain = await readAccountDomain(page, "development");
  const prodDomain = await readAccountDomain(page, "production");
  const devKey = await createAccessKey(page, "development");
  const prodKey = await createAccessKey(page, "production");
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Order desk", boardName: "Orders", fields: [{ name: "Title", type: "Text", required: true }] });
  await builderNav(page).getByRole("link", { name: "Connections" }).click();
  await addConnectedConnection(page, "Kissflow", "Kissflow", kissflowCredentials(ids.devAccountId, devDomain, devKey));
  return { ...ids, prodDomain, prodKey, appId, boardId };
}

async function openIntegrationList(page: Page) {
  await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Integration", level: 1 })).toBeVisible();
}

async function flip(page: Page, name: string, on: boolean) {
  const toggle = page.getByRole("switch", { name: `Turn on ${name}` });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
}

async function copiedAddress(page: Page, label: "Development address" | "Production address"): Promise<string> {
  await page.getByRole("button", { name: `Copy ${label}` }).first().click();
  const address = await page.evaluate(() => navigator.clipboard.readText());
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/hooks\/int_[A-Za-z0-9]+\.[pd]\.[A-Za-z0-9_-]{43}$/);
  return address;
}

test("a webhook POSTed to an On integration's address creates the item its step makes, in Development and then in Production", async ({ page, request }) => {
  const desk = await orderDesk(page, "hooker");

  await newIntegration(page, "Catch orders");
  const trigger = page.getByRole("region", { name: "Trigger" });
  await field(trigger, "Connector").selectOption({ label: "Webhook" });
  await expect(field(trigger, "Event")).toHaveValue("catch_webhook");
  await expect(trigger.getByRole("textbox", { name: "Development address" })).toHaveValue(/\/api\/hooks\/int_.+\.d\./);
  await page.getByRole("button", { name: "Add step" }).click();
  const step = stepRegion(page, 1);
  await field(step, "Connector").selectOption({ label: "Kissflow" });
  await field(step, "Action").selectOption({ label: "Create item" });
  await field(step, "Board ID").fill(desk.boardId);
  await field(step, "Values").fill('{"title": "{{trigger.body.title}}"}');
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await screenshot(page, "webhook-trigger");
  const devAddress = await copiedAddress(page, "Development address");

  // Off: refused, nothing runs.
  const refused = await request.post(devAddress, { data: { title: "Too early" } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toContain("Catch orders is off in Development");

  await openIntegrationList(page);
  await flip(page, "Catch orders", true);
  const accepted = await request.post(devAddress, { data: { title: "From the dev webhook" } });
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toEqual({ runs: 1, runIds: [expect.any(Number)] });
  await page.goto(`/apps/${desk.appId}/builder/boards/${desk.boardId}`);
  await expect(itemRow(page, "From the dev webhook")).toBeVisible({ timeout: 20_000 });

  // Production: deploy, authenticate the connection with Production keys, turn on, copy its own address.
  await deployFromBuilder(page, desk.appId);
  await openManageIntegrations(page, desk.appId);
  await page.getByRole("list", { name: "Connections to authenticate" }).getByRole("link", { name: "Connect now Kissflow" }).click();
  await fillCredentials(page, kissflowCredentials(desk.accountId, desk.prodDomain, desk.prodKey));
  await page.getByRole("button", { name: "Connect and test" }).click();
  await openIntegrationsTab(page, "All integrations");
  await flip(page, "Catch orders", true);
  const row = productionIntegrationRow(page, "Catch orders");
  await expect(row.getByRole("textbox", { name: "Production address" })).toHaveValue(/\.p\./);
  await screenshot(page, "all-integrations-webhook");
  const prodAddress = await copiedAddress(page, "Production address");
  expect(prodAddress).not.toBe(devAddress);

  const batch = await request.post(prodAddress, { data: [{ title: "Live order 1" }, { title: "Live order 2" }] });
  expect(batch.status()).toBe(202);
  expect((await batch.json()).runs).toBe(2);
  await page.goto(`/apps/${desk.appId}/boards/${desk.boardId}`);
  await expect(itemRow(page, "Live order 1")).toBeVisible({ timeout: 20_000 });
  await expect(itemRow(page, "Live order 2")).toBeVisible();
  await expect(itemRow(page, "From the dev webhook")).toHaveCount(0);
});

test("turning on an integration that had items arrive while it was off offers to run them, once", async ({ page }) => {
  const desk = await orderDesk(page, "catcher");

  await newIntegration(page, "Copy orders");
  const trigger = page.getByRole("region", { name: "Trigger" });
  await field(trigger, "Connector").selectOption({ label: "Kissflow" });
  await field(trigger, "Event").selectOption({ label: "New item in board" });
  await field(trigger, "Board ID").selectOption({ label: "Orders" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await openIntegrationList(page);
  await flip(page, "Copy orders", true);
  await flip(page, "Copy orders", false);

  await page.goto(`/apps/${desk.appId}/builder/boards/${desk.boardId}`);
  await addItem(page, { Title: "Arrived while off 1" });
  await addItem(page, { Title: "Arrived while off 2" });

  await openIntegrationList(page);
  await flip(page, "Copy orders", true);
  const offer = builderIntegrationRow(page, "Copy orders").getByRole("form", { name: "Catch up Copy orders" });
  await expect(offer).toContainText("2 items arrived while it was off. Run them now?");
  await screenshot(page, "catch-up-offer");
  await offer.getByRole("button", { name: "Run them now" }).click();
  await expect(offer.getByRole("status")).toHaveText("Queued 2 runs for Copy orders.");
  await expect(offer).not.toContainText("arrived while it was off");

  // Nothing new since: off and on again offers nothing.
  await flip(page, "Copy orders", false);
  await flip(page, "Copy orders", true);
  await expect(builderIntegrationRow(page, "Copy orders")).not.toContainText("arrived while it was off");
});

test("the Development switch refuses an integration that cannot run, and says why", async ({ page }) => {
  await orderDesk(page, "refused");
  await newIntegration(page, "Half built");
  await openIntegrationList(page);
  await page.getByRole("switch", { name: "Turn on Half built" }).click();
  await expect(builderIntegrationRow(page, "Half built").getByRole("alert")).toContainText("Half built cannot be turned on. Half built has no trigger: choose one in the editor and save.");
  await expect(page.getByRole("switch", { name: "Turn on Half built" })).toHaveAttribute("aria-checked", "false");
});
