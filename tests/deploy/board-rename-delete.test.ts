// Renaming or deleting a board in the app builder reaches Production only through Deploy (SPEC §3
// rule 6): until then Production keeps the deployed name, and a deleted board with its items; the
// preview says what will happen, with the count of items that go, and the deployment applies it
// in its one transaction or not at all.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listBoards } from "@/db/queries/apps";
import { deployments } from "@/db/schema";
import { boardNameIn } from "@/lib/boards/board-fields";
import { boardOfAccount, createBoard, deleteBoard, renameBoard } from "@/lib/boards/boards";
import { boardChangeTitle, describeBoardRemoval } from "@/lib/deploy/board-changes";
import { deploy, previewDeployment } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { archiveIntegration, createIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { listProductionIntegrations } from "@/lib/integrations/production-integrations";
import { createItems, listItems, MAX_ITEMS_PER_CREATE } from "@/lib/items/items";
import { DefinitionError } from "@/lib/integrations/validate-definition";
import { countRows, errorOf } from "../support/fixtures";
import { integrationAccount, kissflowTrigger, type IntegrationAccount } from "../integrations/support";

let a: IntegrationAccount;

beforeEach(async () => {
  a = await integrationAccount();
  deploy(a.admin, a.app.id);
});

const environment = (kind: "development" | "production") => environmentOf(a.accountId, kind);
/** The board names `kind` shows, sorted (boards made in the same millisecond have no set order). */
const namesIn = (kind: "development" | "production") => listBoards(a.app.id, kind).map((board) => boardNameIn(board, kind)).sort();
const productionItemCount = (boardId: string) => listItems(a.admin, environment("production"), boardId, { limit: 100 }).items.length;

function addItems(kind: "development" | "production", boardId: string, count: number): void {
  for (let done = 0; done < count; done += MAX_ITEMS_PER_CREATE) {
    const batch = Array.from({ length: Math.min(MAX_ITEMS_PER_CREATE, count - done) }, (_, i) => ({ name: `Order ${done + i + 1}` }));
    createItems(a.admin, environment(kind), boardId, batch);
  }
}

describe("renaming a board in the app builder", () => {
  it("keeps the deployed name in Production until Deploy, which the preview announces", () => {
    renameBoard(a.admin, a.orders.id, { name: "Purchase orders" });
    expect(namesIn("development")).toEqual(["Invoices", "Purchase orders"]);
    expect(namesIn("production")).toEqual(["Invoices", "Orders"]);

    const [change] = previewDeployment(a.admin, a.app.id).summary.boards;
    expect(change).toMatchObject({ id: a.orders.id, name: "Purchase orders", renamedFrom: "Orders", added: [], removed: [], changed: [], reordered: false });
    expect(boardChangeTitle(change)).toBe("Orders renamed to Purchase orders");

    const deployed = deploy(a.admin, a.app.id);
    expect(deployed.summary.boards.map(boardChangeTitle)).toEqual(["Orders renamed to Purchase orders"]);
    expect(namesIn("production")).toEqual(["Invoices", "Purchase orders"]);
    expect(previewDeployment(a.admin, a.app.id).summary.boards).toEqual([]);
  });

  it("shows a board never deployed under its builder name, and its first deployment is no rename", () => {
    const tasks = createBoard(a.admin, a.app.id, { name: "Tasks" });
    renameBoard(a.admin, tasks.id, { name: "Chores" });
    expect(namesIn("production")).toEqual(["Chores", "Invoices", "Orders"]);
    const [change] = previewDeployment(a.admin, a.app.id).summary.boards;
    expect(change).toMatchObject({ name: "Chores", firstDeployment: true });
    expect(change.renamedFrom).toBeUndefined();
  });
});

describe("deleting a board in the app builder", () => {
  it("removes it from Development with its Development items, while Production keeps it and its items", () => {
    addItems("development", a.orders.id, 2);
    addItems("production", a.orders.id, 3);
    deleteBoard(a.admin, a.orders.id);

    expect(namesIn("development")).toEqual(["Invoices"]);
    expect(() => boardOfAccount(a.admin, a.orders.id)).toThrow(NotFoundError);
    expect(() => createItems(a.admin, environment("development"), a.orders.id, [{ name: "late" }])).toThrow(NotFoundError);
    expect(() => renameBoard(a.admin, a.orders.id, { name: "Again" })).toThrow(NotFoundError);

    expect(namesIn("production")).toEqual(["Invoices", "Orders"]);
    expect(productionItemCount(a.orders.id)).toBe(3);
    // Production still works with it until the deployment.
    createItems(a.admin, environment("production"), a.orders.id, [{ name: "Order 4" }]);
    expect(productionItemCount(a.orders.id)).toBe(4);
  });

  it("warns in the preview with the count of Production items, and the deployment removes the board with them", () => {
    addItems("production", a.orders.id, 1234);
    createItems(a.admin, environment("production"), a.invoices.id, [{ title: "Invoice 1" }]);
    deleteBoard(a.admin, a.orders.id);

    const { summary } = previewDeployment(a.admin, a.app.id);
    expect(summary.boardsRemoved).toEqual([{ id: a.orders.id, name: "Orders", productionItems: 1234 }]);
    expect(describeBoardRemoval(summary.boardsRemoved[0])).toBe("Board Orders will be removed from Production with its 1,234 items");
    expect(namesIn("production")).toEqual(["Invoices", "Orders"]);

    const deployed = deploy(a.admin, a.app.id);
    expect(deployed.summary.boardsRemoved).toEqual(summary.boardsRemoved);
    expect(namesIn("production")).toEqual(["Invoices"]);
    expect(() => boardOfAccount(a.admin, a.orders.id, "production")).toThrow(NotFoundError);
    expect(productionItemCount(a.invoices.id)).toBe(1);
    expect(previewDeployment(a.admin, a.app.id).summary.boardsRemoved).toEqual([]);
  });

  it("names the one item and uses the deployed name of a board renamed before it was deleted", () => {
    addItems("production", a.orders.id, 1);
    renameBoard(a.admin, a.orders.id, { name: "Purchase orders" });
    deleteBoard(a.admin, a.orders.id);
    const { summary } = previewDeployment(a.admin, a.app.id);
    expect(summary.boards).toEqual([]);
    expect(describeBoardRemoval(summary.boardsRemoved[0])).toBe("Board Orders will be removed from Production with its 1 item");
  });

  it("deletes a board never deployed at once: Production has nothing of it", () => {
    const tasks = createBoard(a.admin, a.app.id, { name: "Tasks" });
    deleteBoard(a.admin, tasks.id);
    expect(() => boardOfAccount(a.admin, tasks.id, "production")).toThrow(NotFoundError);
    expect(previewDeployment(a.admin, a.app.id).summary.boardsRemoved).toEqual([]);
  });

  it("cannot be used by a Development integration once deleted, even while Production still has it", async () => {
    deleteBoard(a.admin, a.orders.id);
    const integration = createIntegration(a.admin, a.app.id, { name: "Copy orders" });
    const refused = await errorOf(() => saveDefinition(a.admin, integration.id, { trigger: kissflowTrigger(a, a.orders.id), steps: [] }));
    expect((refused as DefinitionError).fieldErrors).toEqual({ "trigger.options.boardId": "This board is not one of this app's boards (it may have been deleted): choose another." });
  });
});

describe("a deployment that removes a board an integration uses", () => {
  let integrationId: string;

  beforeEach(() => {
    integrationId = createIntegration(a.admin, a.app.id, { name: "Copy orders" }).id;
    saveDefinition(a.admin, integrationId, { trigger: kissflowTrigger(a), steps: [] });
    deploy(a.admin, a.app.id);
    addItems("production", a.orders.id, 2);
    renameBoard(a.admin, a.invoices.id, { name: "Bills" });
    deleteBoard(a.admin, a.orders.id);
  });

  it("is refused while an active integration still uses the board, and applies nothing", async () => {
    const problem = `"Copy orders" uses the board "Orders", which was deleted in the app builder: choose another board or archive the integration, then deploy.`;
    expect(previewDeployment(a.admin, a.app.id).problems).toEqual([problem]);
    const before = countRows(deployments);

    const error = await errorOf(() => deploy(a.admin, a.app.id));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(`Nothing was deployed. ${problem}`);
    expect(countRows(deployments)).toBe(before);
    expect(namesIn("production")).toEqual(["Invoices", "Orders"]);
    expect(productionItemCount(a.orders.id)).toBe(2);
  });

  it("goes through once the integration is archived: Production archives it and loses the board", () => {
    archiveIntegration(a.admin, integrationId);
    const deployed = deploy(a.admin, a.app.id);
    expect(deployed.summary.archived.map((i) => i.name)).toEqual(["Copy orders"]);
    expect(namesIn("production")).toEqual(["Bills"]);
    expect(listProductionIntegrations(a.admin, a.app.id).map((i) => [i.name, i.status])).toEqual([["Copy orders", "archived"]]);
  });

  describe("when the deployment fails part-way", () => {
    afterEach(() => {
      getDb().run(sql.raw("DROP TRIGGER IF EXISTS fail_deployment_audit"));
    });

    it("leaves the board, its items and the other board's name as they were", async () => {
      archiveIntegration(a.admin, integrationId);
      // The audit entry is the deployment's last write: failing it fails everything before it.
      getDb().run(sql.raw("CREATE TEMP TRIGGER fail_deployment_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END"));
      const before = countRows(deployments);

      expect(String(await errorOf(() => deploy(a.admin, a.app.id)))).toContain("audit log unavailable");
      expect(countRows(deployments)).toBe(before);
      expect(namesIn("production")).toEqual(["Invoices", "Orders"]);
      expect(productionItemCount(a.orders.id)).toBe(2);
      expect(listProductionIntegrations(a.admin, a.app.id).map((i) => i.status)).toEqual(["live"]);
    });
  });
});
