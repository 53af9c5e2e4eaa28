// Apps, boards and fields, built through the pages the way a builder does it.
import { expect, type Page } from "@playwright/test";

export type FieldType = "Text" | "Number" | "Date" | "Select (choices)" | "Email" | "Checkbox";
export type FieldSpec = { name: string; type: FieldType; required?: boolean; choices?: string[] };

/** The fields of the sample "Orders" board: one of every type. */
export const ORDER_FIELDS: FieldSpec[] = [
  { name: "Title", type: "Text", required: true },
  { name: "Quantity", type: "Number" },
  { name: "Due date", type: "Date" },
  { name: "Status", type: "Select (choices)", choices: ["Open", "Shipped", "Closed"] },
  { name: "Contact", type: "Email" },
  { name: "Urgent", type: "Checkbox" },
];

/** Creates an app from the Apps page; lands in its app builder. Returns the app's ID. */
export async function createApp(page: Page, name: string): Promise<string> {
  await page.goto("/apps");
  const form = page.getByRole("form", { name: "New app" });
  await form.getByLabel("App name").fill(name);
  await form.getByRole("button", { name: "Create app" }).click();
  await expect(page).toHaveURL(/\/apps\/[^/]+\/builder$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2];
}

/** Creates a board from the app builder's Overview; lands on the board's builder page. Returns its ID. */
export async function createBoard(page: Page, appId: string, name: string): Promise<string> {
  await page.goto(`/apps/${appId}/builder`);
  const form = page.getByRole("form", { name: "New board" });
  await form.getByLabel("Board name").fill(name);
  await form.getByRole("button", { name: "Create board" }).click();
  await expect(page).toHaveURL(/\/builder\/boards\/[^/]+$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[5];
}

/** Adds one field on the board's builder page and waits for it in the Fields list. */
export async function addField(page: Page, field: FieldSpec): Promise<void> {
  const form = page.getByRole("form", { name: "Add field" });
  await form.getByLabel("Field name").fill(field.name);
  await form.getByLabel("Field type").selectOption({ label: field.type });
  if (field.choices) await form.getByLabel("Choices").fill(field.choices.join("\n"));
  if (field.required) await form.getByLabel("Required").check();
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByRole("status")).toHaveText(`Field "${field.name}" added.`);
  await expect(page.getByRole("list", { name: "Fields" }).getByRole("listitem").filter({ hasText: field.name })).toBeVisible();
}

/** An app with one board carrying `fields`; the page is left on the board's builder page. */
export async function createAppWithBoard(page: Page, { appName, boardName = "Orders", fields = ORDER_FIELDS }: { appName: string; boardName?: string; fields?: FieldSpec[] }) {
  const appId = await createApp(page, appName);
  const boardId = await createBoard(page, appId, boardName);
  for (const field of fields) await addField(page, field);
  return { appId, boardId };
}

export type ItemInput = { Title?: string; Quantity?: string; "Due date"?: string; Status?: string; Contact?: string; Urgent?: boolean };

/**
 * Fills an item form of the Orders board (the "Add item" or "Edit item" form). Required fields
 * are labelled with a trailing "*", so labels are matched from their start.
 */
export async function fillItem(page: Page, formName: "Add item" | "Edit item", item: ItemInput): Promise<void> {
  const form = page.getByRole("form", { name: formName });
  for (const [label, value] of Object.entries(item)) {
    const input = form.getByLabel(new RegExp(`^${label}( \\*)?$`));
    if (typeof value === "boolean") await input.setChecked(value);
    else if (label === "Status") await input.selectOption(value);
    else await input.fill(value);
  }
}

/** Adds an item through the board's "Add item" form and waits for its row in the Items table. */
export async function addItem(page: Page, item: ItemInput & { Title: string }): Promise<void> {
  await fillItem(page, "Add item", item);
  const form = page.getByRole("form", { name: "Add item" });
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(form.getByRole("status")).toHaveText("Item added.");
  await expect(itemRow(page, item.Title)).toBeVisible();
}

/** The row of the Items table whose cells include `title`. */
export function itemRow(page: Page, title: string) {
  return page.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell", { name: title, exact: true }) });
}
