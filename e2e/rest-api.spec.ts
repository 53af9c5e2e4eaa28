import { expect, test } from "@playwright/test";
import { createAccessKey, openSecuritySettings, signUpWithAccessKey } from "./support/access-keys";
import { createAppWithBoard } from "./support/apps";
import { deployFromBuilder } from "./support/deploy";

function keyHeaders(key: { keyId: string; secret: string }) {
  return { "X-Access-Key-Id": key.keyId, "X-Access-Key-Secret": key.secret };
}

test("an access key created on the page calls the REST API of its environment", async ({ page, request }) => {
  const account = await signUpWithAccessKey(page, "production");

  const whoami = await request.get(`/api/v1/${account.accountId}/whoami`, { headers: keyHeaders(account) });
  expect(whoami.status()).toBe(200);
  const body = await whoami.json();
  expect(body.environment).toBe("production");
  expect(body.account.id).toBe(account.accountId);
  expect(body.user.email).toBe(account.email);
});

test("items posted through the API show on the Production board, and only there", async ({ page, request }) => {
  const account = await signUpWithAccessKey(page, "production");
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Orders" });
  await deployFromBuilder(page, appId);

  const created = await request.post(`/api/v1/${account.accountId}/boards/${boardId}/items`, {
    headers: { ...keyHeaders(account), "Content-Type": "application/json" },
    data: [{ title: "From the API", quantity: 2 }, { title: "Also from the API" }],
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).data).toHaveLength(2);

  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await expect(page.getByRole("cell", { name: "From the API", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Also from the API", exact: true })).toBeVisible();
  await page.goto(`/apps/${appId}/builder/boards/${boardId}`);
  await expect(page.getByText("No items yet.")).toBeVisible();
});

test("a Development key is refused on the Production Account ID with a message that names the environment", async ({ page, request }) => {
  const account = await signUpWithAccessKey(page, "production");
  await openSecuritySettings(page);
  const devKey = await createAccessKey(page, "development");

  const refused = await request.get(`/api/v1/${account.accountId}/whoami`, { headers: keyHeaders(devKey) });
  expect(refused.status()).toBe(403);
  const { error } = await refused.json();
  expect(error.code).toBe("forbidden");
  expect(error.message).toContain("Development");
  expect(error.message).toContain(account.accountId);

  const accepted = await request.get(`/api/v1/${account.devAccountId}/whoami`, { headers: keyHeaders(devKey) });
  expect(accepted.status()).toBe(200);
  expect((await accepted.json()).environment).toBe("development");
});

test("a revoked key is refused with 401", async ({ page, request }) => {
  const account = await signUpWithAccessKey(page, "production");
  await openSecuritySettings(page);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("form", { name: "Revoke Production key" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("You have no Production access keys.")).toBeVisible();

  const refused = await request.get(`/api/v1/${account.accountId}/whoami`, { headers: keyHeaders(account) });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toContain("revoked");
});
