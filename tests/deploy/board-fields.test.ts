// Deploy copies each board's builder fields to Production (SPEC §3 rule 6): the preview and the
// deployment's summary say which boards change and how, and the snapshot keeps the fields deployed.
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { boards as boardsTable, deployments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addField, boardOfAccount, createBoard, moveField, removeField } from "@/lib/boards/boards";
import { describeBoardChange } from "@/lib/deploy/board-changes";
import { deploy, listDeployments, previewDeployment } from "@/lib/deploy/deploy";
import { newAccount, newBoard } from "../support/fixtures";

let admin: Actor;
let appId: string;
let ordersId: string;

beforeEach(async () => {
  ({ admin } = await newAccount());
  ({ app: { id: appId }, board: { id: ordersId } } = newBoard(admin));
  addField(admin, ordersId, { label: "Title", type: "text", required: true });
  addField(admin, ordersId, { label: "Notes", type: "text" });
});

const productionFields = (boardId: string) => boardOfAccount(admin, boardId).productionFields;

describe("deploying board fields", () => {
  it("gives a board never deployed its first Production form, and says so in the preview", () => {
    expect(productionFields(ordersId)).toBeNull();
    const [change] = previewDeployment(admin, appId).summary.boards;
    expect(change).toEqual({ id: ordersId, name: "Orders", firstDeployment: true, added: ["Title", "Notes"], removed: [], changed: [], reordered: false });
    expect(describeBoardChange(change)).toBe("new in Production, fields: Title, Notes");
    // The preview writes nothing.
    expect(productionFields(ordersId)).toBeNull();

    deploy(admin, appId);
    expect(productionFields(ordersId)?.map((f) => f.label)).toEqual(["Title", "Notes"]);
    expect(previewDeployment(admin, appId).summary.boards).toEqual([]);
  });

  it("lists fields added, removed, changed and reordered since the last deployment", () => {
    deploy(admin, appId);
    addField(admin, ordersId, { label: "Total", type: "number" });
    removeField(admin, ordersId, "notes");
    const [change] = previewDeployment(admin, appId).summary.boards;
    expect(describeBoardChange(change)).toBe("fields added: Total; removed: Notes");

    deploy(admin, appId);
    moveField(admin, ordersId, "total", "up");
    expect(describeBoardChange(previewDeployment(admin, appId).summary.boards[0])).toBe("fields reordered");
  });

  it("notices a field whose definition changed under the same key", () => {
    deploy(admin, appId);
    // The builder cannot edit a field in place today; a changed definition still must be deployed.
    const board = boardOfAccount(admin, ordersId);
    getDb().update(boardsTable).set({ fields: board.fields.map((f) => (f.key === "notes" ? { ...f, required: true } : f)) }).where(eq(boardsTable.id, ordersId)).run();
    expect(describeBoardChange(previewDeployment(admin, appId).summary.boards[0])).toBe("fields changed: Notes");
  });

  it("records the board changes in the deployment's summary and its fields in the snapshot, for every board of the app", () => {
    const tasks = createBoard(admin, appId, { name: "Tasks" });
    deploy(admin, appId);
    addField(admin, ordersId, { label: "Total", type: "number" });
    const second = deploy(admin, appId);

    expect(second.summary.boards).toEqual([{ id: ordersId, name: "Orders", firstDeployment: false, added: ["Total"], removed: [], changed: [], reordered: false }]);
    expect(listDeployments(admin, appId).map((d) => d.summary.boards.map((b) => b.name))).toEqual([["Orders"], ["Orders", "Tasks"]]);
    const snapshot = getDb().select().from(deployments).where(eq(deployments.id, second.id)).get()!.snapshot as { boards: { id: string; name: string; fields: { key: string }[] }[] };
    expect(snapshot.boards.map((b) => [b.name, b.fields.map((f) => f.key)])).toEqual([
      ["Orders", ["title", "notes", "total"]],
      ["Tasks", []],
    ]);
    expect(productionFields(tasks.id)).toEqual([]);
  });
});
