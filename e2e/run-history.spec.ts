// Run history (issue 5, Done when): an integration On in Production, 20 items added to its board,
// exactly 20 runs that succeed, each with its steps; a failing step shows its error and is re-run;
// runs this month counts them. The server's engine executes the runs: every wait polls the page.
import { expect, test, type Page } from "@playwright/test";
import { createAccessKey, openSecuritySettings, readAccountDomain, readAccountIds } from "./support/access-keys";
import { addUser, newCredentials, signIn, signUp } from "./support/accounts";
import { addItem, createAppWithBoard } from "./support/apps";
import { connectionRow, fillCredentials, kissflowCredentials, labelled, openIntegrationsTab, openManageIntegrations } from "./support/connections";
import { deployFromBuilder, importFile, openDeploy } from "./support/deploy";
import { builderNav, stepRegion } from "./support/integrations";
import { screenshot } from "./support/screenshots";

/** New item in Orders → round its quantity: an item without a quantity fails that step. */
function integrationsFile(boardId: string) {
  return {
    format: "boardflow.integrations",
    version: 1,
    integrations: [
      {
        name: "Count orders",
        state: "active",
        definition: {
          trigger: { connectorKey: "kissflow", triggerKey: "new_item", connection: { name: "Kissflow", connectorKey: "kissflow" }, options: { boardId } },
          steps: [{ id: "round", name: "Round the quantity", connectorKey: "utilities", actionKey: "formatter", connection: null, input: { operation: "number_round", value: "{{trigger.values.quantity}}" } }],
        },
      },
    ],
  };
}

const runsTable = (page: Page) => page.getByRole("table", { name: "Runs" });
const runRows = (page: Page) => runsTable(page).getByRole("row").filter({ has: page.getByRole("cell") });
const runsThisMonth = (page: Page) => page.getByRole("region", { name: "Runs this month" });

async function openRunHistory(page: Page, appId: string) {
  await openManageIntegrations(page, appId);
  await openIntegrationsTab(page, "Run history");
}

/** Reloads the page until `check` passes: the engine works in the background. */
async function untilShown(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });
}

test("20 items make exactly 20 runs that succeed, each with its steps; a failing step shows its error and is re-run on the latest version", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await signUp(page, newCredentials("runs"));
  await openSecuritySettings(page);
  const { accountId } = await readAccountIds(page);
  const domain = await readAccountDomain(page, "production");
  const prodKey = await createAccessKey(page, "production");
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Order desk", fields: [{ name: "Title", type: "Text", required: true }, { name: "Quantity", type: "Number" }] });

  // Built and deployed in the app builder; in Production, its connection authenticated, then On.
  await openDeploy(page, appId);
  await expect((await importFile(page, "orders.json", JSON.stringify(integrationsFile(boardId)))).getByRole("status")).toContainText("Imported 1 integration");
  await deployFromBuilder(page, appId);
  await openManageIntegrations(page, appId);
  await openIntegrationsTab(page, "Connections");
  await connectionRow(page, "Kissflow").getByRole("link", { name: /Connect now/ }).click();
  await fillCredentials(page, kissflowCredentials(accountId, domain, prodKey));
  await page.getByRole("button", { name: "Connect and test" }).click();
  await expect(connectionRow(page, "Kissflow").getByText("Connected", { exact: true })).toBeVisible();
  await openIntegrationsTab(page, "All integrations");
  await page.getByRole("switch", { name: "Turn on Count orders" }).click();
  await expect(page.getByRole("switch", { name: "Turn on Count orders" })).toHaveAttribute("aria-checked", "true");

  // 20 items added to the board in Production.
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  for (let n = 1; n <= 20; n++) await addItem(page, { Title: `Order ${n}`, Quantity: `${n}.4` });

  // Exactly 20 runs, all succeeded; runs this month says 20.
  await openRunHistory(page, appId);
  await untilShown(page, async () => {
    await expect(runRows(page)).toHaveCount(20, { timeout: 1000 });
    await expect(runRows(page).filter({ hasText: "Succeeded" })).toHaveCount(20, { timeout: 1000 });
  });
  await expect(runsThisMonth(page).getByText("20", { exact: true })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Runs per day by status, last 30 days" })).toContainText("Succeeded: 20");
  await screenshot(page, "run-history");

  // Each run shows its trigger item and its step, with input and output.
  const runLinks = await runsTable(page).getByRole("link", { name: /^#\d+$/ }).evaluateAll((links) => links.map((link) => ({ href: link.getAttribute("href")!, text: link.textContent! })));
  expect(runLinks).toHaveLength(20);
  for (const [index, link] of runLinks.entries()) {
    const n = 20 - index;
    await page.goto(link.href);
    await expect(page.getByRole("heading", { name: `Run ${link.text}` })).toBeVisible();
    await expect(page.getByLabel("Trigger item")).toContainText(`"title": "Order ${n}"`);
    const roundStep = page.getByRole("group", { name: "Step 1: Round the quantity" });
    await expect(roundStep.getByText("Succeeded")).toBeVisible();
    await expect(roundStep.getByLabel("Input")).toContainText(`"value": ${n}.4`);
    await expect(roundStep.getByLabel("Output")).toContainText(`"result": ${n}`);
  }

  // An item without a quantity: its run fails at the step, which says why.
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await addItem(page, { Title: "No quantity" });
  await openRunHistory(page, appId);
  const filters = page.getByRole("form", { name: "Filter runs" });
  await filters.getByLabel("Status").selectOption({ label: "Failed" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=failed/);
  const failure = 'Step "Round the quantity": "" is not a number.';
  await untilShown(page, async () => {
    await expect(runRows(page)).toHaveCount(1, { timeout: 1000 });
  });
  await expect(runRows(page)).toContainText("Failed");
  await expect(runRows(page)).toContainText(failure);
  await runsTable(page).getByRole("link", { name: /^#\d+$/ }).click();
  await expect(page).toHaveURL(/\/runs\/\d+$/);
  const failedUrl = page.url();
  const failedId = failedUrl.split("/").pop()!;
  await expect(page.getByRole("alert").filter({ hasText: failure })).toBeVisible();
  await expect(page.getByRole("group", { name: "Step 1: Round the quantity" }).getByText('"" is not a number.')).toBeVisible();
  await screenshot(page, "run-failed");

  // Fixed in the app builder (the step upper-cases the title instead) and deployed: re-run on the latest version.
  await page.goto(`/apps/${appId}/builder`);
  await builderNav(page).getByRole("link", { name: "Integration", exact: true }).click();
  await page.getByRole("link", { name: "Edit Count orders" }).click();
  await labelled(stepRegion(page, 1), "Transform").selectOption({ label: "Text: upper case" });
  await labelled(stepRegion(page, 1), "Value").fill("{{trigger.values.title}}");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await deployFromBuilder(page, appId);

  await page.goto(failedUrl);
  const rerun = page.getByRole("form", { name: "Re-run this run" });
  await expect(rerun.getByLabel("Its original version (Version 1)")).toBeChecked();
  await rerun.getByLabel("The latest version").check();
  await rerun.getByRole("button", { name: "Re-run" }).click();
  await expect(rerun.getByRole("status")).toHaveText(new RegExp(`^Queued run #\\d+, a re-run of run #${failedId}\\.$`));
  await rerun.getByRole("link", { name: /^Open run #\d+$/ }).click();
  await expect(page).not.toHaveURL(failedUrl);
  await untilShown(page, async () => {
    await expect(page.getByRole("group", { name: "Step 1: Round the quantity" }).getByText("Succeeded")).toBeVisible({ timeout: 1000 });
  });
  await expect(page.getByRole("link", { name: `run #${failedId}`, exact: true })).toBeVisible();
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "Step 1: Round the quantity" }).getByLabel("Output")).toContainText('"result": "NO QUANTITY"');
  const rerunId = page.url().split("/").pop()!;
  await page.goto(failedUrl);
  await expect(page.getByRole("list", { name: "Re-runs" }).getByRole("link", { name: `Run #${rerunId}`, exact: true })).toBeVisible();

  // 20 + the failed run + its re-run; the CSV export holds the same runs.
  await openRunHistory(page, appId);
  await expect(runsThisMonth(page).getByText("22", { exact: true })).toBeVisible();
  const csv = await page.request.get(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href").then((href) => href!));
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("Run,Integration,Status,Source,Version,Created (UTC),Started (UTC),Finished (UTC),Duration (ms),Attempts,Trigger item,Error,Re-run of");
  expect(lines).toHaveLength(23);
  expect(lines[1]).toMatch(new RegExp(`^${rerunId},Count orders,Succeeded,Re-run,Version 2,`));

  // A member reads the history and the runs, and is offered no re-run.
  const member = await addUser(page, "member");
  const context = await browser.newContext({ baseURL });
  const memberPage = await context.newPage();
  await signIn(memberPage, member);
  await openRunHistory(memberPage, appId);
  await expect(runRows(memberPage)).toHaveCount(22);
  await memberPage.goto(failedUrl);
  await expect(memberPage.getByRole("group", { name: "Step 1: Round the quantity" })).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Re-run" })).toHaveCount(0);
  await context.close();

  // Development has a Run history of its own under Logic in the app builder: nothing ran there.
  await page.goto(`/apps/${appId}/builder`);
  await builderNav(page).getByRole("link", { name: "Run history" }).click();
  await expect(page.getByRole("heading", { name: "Run history", level: 1 })).toBeVisible();
  await expect(page.getByText("No runs yet.")).toBeVisible();
  await expect(runsThisMonth(page).getByText("0", { exact: true })).toBeVisible();
});
