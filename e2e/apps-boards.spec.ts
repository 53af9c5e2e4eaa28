import { expect, test, type Page } from "@playwright/test";
import { newCredentials, signUp } from "./support/accounts";
import { addField, addItem, createApp, createAppWithBoard, createBoard, fillItem, itemRow, ORDER_FIELDS } from "./support/apps";
import { deployFromBuilder } from "./support/deploy";
import { screenshot } from "./support/screenshots";

test.use({ viewport: { width: 1280, height: 800 } });

async function itemTitles(page: Page): Promise<string[]> {
  const table = page.getByRole("table");
  if ((await table.count()) === 0) return [];
  return table.locator("tbody tr td:first-child").allTextContents();
}

test("a builder creates an app and a board with a field of every type", async ({ page }) => {
  await signUp(page, newCredentials("builder"));
  const appId = await createApp(page, "Purchase requests");

  const sidebar = page.getByRole("complementary");
  await expect(sidebar.getByText("Development", { exact: true })).toBeVisible();
  await expect(sidebar.getByText("Purchase requests")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "App builder" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No boards yet")).toBeVisible();

  const boardId = await createBoard(page, appId, "Orders");
  await expect(page.getByRole("navigation", { name: "App builder" }).getByRole("link", { name: "Orders" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Fields" })).toBeVisible();
  await expect(page.getByText("No fields yet. Add the first one below.")).toBeVisible();
  await expect(page.getByText("This board has no fields yet. Add a field above, then add items for testing here.")).toBeVisible();

  for (const field of ORDER_FIELDS) await addField(page, field);

  const fields = page.getByRole("list", { name: "Fields" }).getByRole("listitem");
  await expect(fields).toHaveCount(ORDER_FIELDS.length);
  await expect(fields.nth(0)).toContainText("Title");
  await expect(fields.nth(0)).toContainText("text");
  await expect(fields.nth(0)).toContainText("required");
  await expect(fields.nth(1)).toContainText("number");
  await expect(fields.nth(2)).toContainText("date");
  await expect(fields.nth(3)).toContainText("select");
  await expect(fields.nth(3)).toContainText("Open, Shipped, Closed");
  await expect(fields.nth(4)).toContainText("email");
  await expect(fields.nth(5)).toContainText("checkbox");

  // The add-item form offers one input of the right kind per field.
  const addForm = page.getByRole("form", { name: "Add item" });
  await expect(addForm.getByLabel("Title *")).toHaveAttribute("type", "text");
  await expect(addForm.getByLabel("Due date")).toHaveAttribute("type", "date");
  await expect(addForm.getByLabel("Contact")).toHaveAttribute("type", "email");
  await expect(addForm.getByLabel("Urgent")).toHaveAttribute("type", "checkbox");
  await expect(addForm.getByLabel("Status").locator("option")).toHaveText(["—", "Open", "Shipped", "Closed"]);

  // A field can be moved and the board's Overview counts its fields.
  await page.getByRole("button", { name: "Move Quantity up" }).click();
  await expect(fields.nth(0)).toContainText("Quantity");
  await page.getByRole("button", { name: "Move Quantity down" }).click();
  await expect(fields.nth(0)).toContainText("Title");
  await page.getByRole("navigation", { name: "App builder" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("main").getByRole("link", { name: "Orders" })).toHaveAttribute("href", `/apps/${appId}/builder/boards/${boardId}`);
  await expect(page.getByRole("main").getByText(`${ORDER_FIELDS.length} fields`)).toBeVisible();
});

test("an empty field name is refused next to Field name, and a select needs choices", async ({ page }) => {
  await signUp(page, newCredentials("fields"));
  const appId = await createApp(page, "Field checks");
  await createBoard(page, appId, "Checks");
  const form = page.getByRole("form", { name: "Add field" });

  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(form.getByLabel("Field name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Field name")).toHaveAccessibleDescription("Field name is required.");
  await expect(page.getByText("No fields yet. Add the first one below.")).toBeVisible();

  await form.getByLabel("Field name").fill("Colour");
  await form.getByLabel("Field type").selectOption({ label: "Select (choices)" });
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByLabel("Choices")).toHaveAccessibleDescription("A select field needs at least one choice.");
  await expect(form.getByLabel("Field name")).toHaveValue("Colour");
  await expect(form.getByLabel("Field type")).toHaveValue("select");

  await form.getByLabel("Choices").fill("Red\nGreen");
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByRole("status")).toHaveText('Field "Colour" added.');
  await expect(form.getByLabel("Field name")).toHaveValue("");
  await expect(form.getByLabel("Choices")).toHaveCount(0);

  await addField(page, { name: "Notes", type: "Text" });
  await form.getByLabel("Field name").fill("notes");
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByLabel("Field name")).toHaveAccessibleDescription("A field with this name already exists.");
});

test("Development test items and Production items are kept apart", async ({ page }) => {
  await signUp(page, newCredentials("envs"));
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Field service" });

  await expect(page.getByRole("heading", { name: "Items for testing" })).toBeVisible();
  await addItem(page, { Title: "Test order", Quantity: "1", "Due date": "2030-01-15", Status: "Open", Contact: "dev@example.test", Urgent: true });
  await expect(itemRow(page, "Test order")).toContainText("2030-01-15");
  await expect(itemRow(page, "Test order")).toContainText("Yes");
  await deployFromBuilder(page, appId);
  await page.goto(`/apps/${appId}/builder/boards/${boardId}`);
  await screenshot(page, "app-builder-board");

  await page.getByRole("link", { name: /Open app in Production/ }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/boards/${boardId}$`));
  await expect(page.getByRole("heading", { name: "Field service", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByText("Production", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit app" })).toBeVisible();
  const tab = page.getByRole("navigation", { name: "Boards" }).getByRole("link", { name: "Orders" });
  await expect(tab).toHaveAttribute("aria-current", "page");
  await expect(tab).toHaveClass(/border-brand-600/);
  await expect(tab).not.toHaveClass(/border-transparent/);
  await expect(page.getByText("No items yet.")).toBeVisible();
  await expect(page.getByText("Test order")).toHaveCount(0);

  await addItem(page, { Title: "Lawn mower repair", Quantity: "2", "Due date": "2030-02-01", Status: "Open", Contact: "ann@example.test" });
  await addItem(page, { Title: "Boiler service", Quantity: "1", "Due date": "2030-02-03", Status: "Shipped", Contact: "bob@example.test", Urgent: true });
  await addItem(page, { Title: "Window cleaning", Quantity: "12.5", Status: "Closed" });
  expect(await itemTitles(page)).toEqual(["Window cleaning", "Boiler service", "Lawn mower repair"]);
  await expect(itemRow(page, "Window cleaning")).toContainText("—");
  await screenshot(page, "production-board");
  expect(await itemTitles(page)).toEqual(["Window cleaning", "Boiler service", "Lawn mower repair"]);

  await page.getByRole("link", { name: "Edit app" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/builder$`));
  await page.getByRole("navigation", { name: "App builder" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("heading", { name: "Items for testing" })).toBeVisible();
  expect(await itemTitles(page)).toEqual(["Test order"]);
});

test("a board's fields reach Production only when the app is deployed", async ({ page }) => {
  await signUp(page, newCredentials("fields"));
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Intake", boardName: "Requests", fields: [{ name: "Title", type: "Text", required: true }] });
  const builderNote = page.getByRole("note");
  await expect(builderNote).toHaveText("Not deployed yet: Production gets this board's form with the next deployment. Deploy");

  // Never deployed: Production has no form for the board.
  await page.getByRole("link", { name: /Open app in Production/ }).click();
  await expect(page.getByRole("status")).toContainText("This board has not been deployed yet.");
  await expect(page.getByRole("form", { name: "Add item" })).toHaveCount(0);
  await screenshot(page, "production-board-not-deployed");
  await page.getByRole("link", { name: "Deploy the app" }).click();
  await expect(page.getByRole("heading", { name: "Deploy", level: 1 })).toBeVisible();
  await deployFromBuilder(page, appId, async () => {
    await expect(page.getByRole("list", { name: "Boards changed" })).toHaveText("Requests — new in Production, fields: Title");
  });
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await addItem(page, { Title: "First request" });

  // A field added in the app builder waits for the next deployment.
  await page.goto(`/apps/${appId}/builder/boards/${boardId}`);
  await addField(page, { name: "Priority", type: "Select (choices)", choices: ["Low", "High"], required: true });
  await expect(builderNote).toHaveText("Changed since the last deployment (fields added: Priority): Production keeps its deployed name and fields until the next deployment. Deploy");
  await screenshot(page, "app-builder-board-undeployed-field");
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  const addForm = page.getByRole("form", { name: "Add item" });
  await expect(addForm.getByLabel(/^Priority/)).toHaveCount(0);
  await addItem(page, { Title: "Second request" });
  await expect(page.getByRole("columnheader", { name: "Priority" })).toHaveCount(0);

  await deployFromBuilder(page, appId, async () => {
    await expect(page.getByRole("list", { name: "Boards changed" })).toHaveText("Requests — fields added: Priority");
    await screenshot(page, "deploy-preview-boards");
  });
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await expect(page.getByRole("columnheader", { name: "Priority" })).toBeVisible();
  await fillItem(page, "Add item", { Title: "Third request" });
  await addForm.getByRole("button", { name: "Add item" }).click();
  await expect(addForm.getByLabel("Priority *")).toHaveAccessibleDescription("Priority is required.");
  await addForm.getByLabel("Priority *").selectOption("High");
  await addForm.getByRole("button", { name: "Add item" }).click();
  await expect(itemRow(page, "Third request")).toContainText("High");
  await page.goto(`/apps/${appId}/builder/boards/${boardId}`);
  await expect(builderNote).toHaveCount(0);
});

test("a board renamed or deleted in the app builder changes in Production only when the app is deployed", async ({ page }) => {
  await signUp(page, newCredentials("rename"));
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Purchasing", fields: [{ name: "Title", type: "Text", required: true }] });
  await deployFromBuilder(page, appId);
  const productionTab = (name: string) => page.getByRole("navigation", { name: "Boards" }).getByRole("link", { name, exact: true });

  // Renamed in the builder: Production keeps the deployed name until Deploy.
  await page.goto(`/apps/${appId}/builder/boards/${boardId}`);
  const rename = page.getByRole("form", { name: "Rename board" });
  await rename.getByLabel("Board name").fill("Purchase orders");
  await rename.getByRole("button", { name: "Rename board" }).click();
  await expect(rename.getByRole("status")).toHaveText("Board renamed. Production shows the new name once you deploy.");
  await expect(page.getByRole("navigation", { name: "App builder" }).getByRole("link", { name: "Purchase orders" })).toBeVisible();
  await expect(page.getByRole("note")).toHaveText(
    "Changed since the last deployment (renamed from Orders): Production keeps its deployed name and fields until the next deployment. Deploy",
  );
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await expect(productionTab("Orders")).toHaveAttribute("aria-current", "page");
  await expect(productionTab("Purchase orders")).toHaveCount(0);
  await addItem(page, { Title: "Office chairs" });

  await deployFromBuilder(page, appId, async () => {
    await expect(page.getByRole("list", { name: "Boards changed" })).toHaveText("Orders renamed to Purchase orders");
  });
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await expect(productionTab("Purchase orders")).toHaveAttribute("aria-current", "page");
  await expect(productionTab("Orders")).toHaveCount(0);

  // Deleted in the builder: gone from Development, still in Production with its item until Deploy.
  await page.goto(`/apps/${appId}/builder/boards/${boardId}`);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("form", { name: "Delete board" }).getByRole("button", { name: "Delete board" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/builder$`));
  await expect(page.getByText("No boards yet")).toBeVisible();
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await expect(productionTab("Purchase orders")).toBeVisible();
  await expect(itemRow(page, "Office chairs")).toBeVisible();

  await deployFromBuilder(page, appId, async () => {
    await expect(page.getByRole("list", { name: "Boards removed" })).toHaveText("Board Purchase orders will be removed from Production with its 1 item.");
  });
  await page.goto(`/apps/${appId}`);
  await expect(page.getByText("This app has no boards yet.")).toBeVisible();
});

test("an item is edited and deleted in Production", async ({ page }) => {
  await signUp(page, newCredentials("edit"));
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Edits" });
  await deployFromBuilder(page, appId);
  await page.goto(`/apps/${appId}/boards/${boardId}`);
  await addItem(page, { Title: "Keep me", Quantity: "3" });
  await addItem(page, { Title: "Change me", Quantity: "4", Status: "Open" });

  await itemRow(page, "Change me").getByRole("link", { name: /^Edit/ }).click();
  await expect(page.getByRole("heading", { name: "Edit item" })).toBeVisible();
  const form = page.getByRole("form", { name: "Edit item" });
  await expect(form.getByLabel("Title *")).toHaveValue("Change me");
  await expect(form.getByLabel("Quantity")).toHaveValue("4");
  await expect(form.getByLabel("Status")).toHaveValue("Open");
  await fillItem(page, "Edit item", { Title: "Changed", Quantity: "40", Status: "Closed", Urgent: true });
  await form.getByRole("button", { name: "Save item" }).click();

  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/boards/${boardId}$`));
  await expect(itemRow(page, "Changed")).toContainText("40");
  await expect(itemRow(page, "Changed")).toContainText("Closed");
  await expect(itemRow(page, "Changed")).toContainText("Yes");
  await expect(itemRow(page, "Change me")).toHaveCount(0);

  await itemRow(page, "Keep me").getByRole("link", { name: /^Edit/ }).click();
  // Deleting asks first: dismissing keeps the item, accepting deletes it.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("button", { name: "Delete item" }).click();
  await expect(page.getByRole("heading", { name: "Edit item" })).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Delete this item?");
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Delete item" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/boards/${boardId}$`));
  await expect(itemRow(page, "Keep me")).toHaveCount(0);
  expect(await itemTitles(page)).toEqual(["Changed"]);
});

test("an invalid item shows each error next to its field and keeps what was typed", async ({ page }) => {
  await signUp(page, newCredentials("invalid"));
  const { appId, boardId } = await createAppWithBoard(page, { appName: "Validation" });
  await deployFromBuilder(page, appId);
  await page.goto(`/apps/${appId}/boards/${boardId}`);

  const form = page.getByRole("form", { name: "Add item" });
  await fillItem(page, "Add item", { Quantity: "abc", "Due date": "2030-05-06", Status: "Shipped", Contact: "not-an-email", Urgent: true });
  await form.getByRole("button", { name: "Add item" }).click();

  await expect(form.getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(form.getByLabel("Title *")).toHaveAccessibleDescription("Title is required.");
  await expect(form.getByLabel("Title *")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Quantity")).toHaveAccessibleDescription("Quantity must be a number.");
  await expect(form.getByLabel("Contact")).toHaveAccessibleDescription("Contact must be an email address.");
  await expect(form.getByLabel("Due date")).not.toHaveAttribute("aria-invalid", "true");
  // What was typed is still there.
  await expect(form.getByLabel("Quantity")).toHaveValue("abc");
  await expect(form.getByLabel("Due date")).toHaveValue("2030-05-06");
  await expect(form.getByLabel("Status")).toHaveValue("Shipped");
  await expect(form.getByLabel("Contact")).toHaveValue("not-an-email");
  await expect(form.getByLabel("Urgent")).toBeChecked();
  await expect(page.getByText("No items yet.")).toBeVisible();

  // Fixing the fields adds the item and clears the form.
  await fillItem(page, "Add item", { Title: "Fixed", Quantity: "7", Contact: "ok@example.test" });
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(form.getByRole("status")).toHaveText("Item added.");
  await expect(itemRow(page, "Fixed")).toContainText("ok@example.test");
  await expect(form.getByLabel("Quantity")).toHaveValue("");
  await expect(form.getByLabel("Quantity")).not.toHaveAttribute("aria-invalid", "true");

  // The edit form refuses the same way and keeps the item unchanged.
  await itemRow(page, "Fixed").getByRole("link", { name: /^Edit/ }).click();
  const edit = page.getByRole("form", { name: "Edit item" });
  await fillItem(page, "Edit item", { Title: "", Quantity: "1,5" });
  await edit.getByRole("button", { name: "Save item" }).click();
  await expect(edit.getByLabel("Title *")).toHaveAccessibleDescription("Title is required.");
  await expect(edit.getByLabel("Quantity")).toHaveAccessibleDescription("Quantity must be a number.");
  await expect(edit.getByLabel("Quantity")).toHaveValue("1,5");
  await page.getByRole("link", { name: /Back to Orders/ }).click();
  await expect(itemRow(page, "Fixed")).toContainText("7");
});

test("an app is renamed, and deleted only after typing its name", async ({ page }) => {
  await signUp(page, newCredentials("rename"));
  const appId = await createApp(page, "Old name");

  const rename = page.getByRole("form", { name: "Rename app" });
  await rename.getByLabel("App name").fill("New name");
  await rename.getByRole("button", { name: "Rename app" }).click();
  await expect(rename.getByRole("status")).toHaveText("App renamed.");
  await expect(page.getByRole("complementary").getByText("New name")).toBeVisible();

  await rename.getByLabel("App name").fill("   ");
  await rename.getByRole("button", { name: "Rename app" }).click();
  await expect(rename.getByLabel("App name")).toHaveAccessibleDescription("App name is required.");

  await page.goto("/apps");
  await expect(page.getByRole("list", { name: "Apps" }).getByRole("link", { name: "New name", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Edit app New name" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/builder$`));

  const remove = page.getByRole("form", { name: "Delete app" });
  await remove.getByLabel('Type "New name" to confirm').fill("Old name");
  await remove.getByRole("button", { name: "Delete app" }).click();
  await expect(remove.getByLabel('Type "New name" to confirm')).toHaveAccessibleDescription("This does not match the app's name.");
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/builder$`));

  await remove.getByLabel('Type "New name" to confirm').fill("New name");
  await remove.getByRole("button", { name: "Delete app" }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByText("No apps yet.")).toBeVisible();
  const gone = await page.goto(`/apps/${appId}`);
  expect(gone?.status()).toBe(404);
});
