// Boards in a deployment: each board's Production form and name become the fields and name it has
// in the app builder, and a board deleted in the builder is removed from Production with its
// items. This works out which boards that changes, and how, for the preview and the summary.
import type { Board, BoardField } from "@/db/schema";
import { boardNameIn } from "@/lib/boards/board-fields";
import { stableJson } from "@/lib/integrations/export-format";

export type BoardChange = {
  id: string;
  name: string;
  /** The board had no Production form: this deployment gives it its first one. */
  firstDeployment: boolean;
  /** Field labels, in the builder's order. */
  added: string[];
  removed: string[];
  /** Same field (same key), another label, type, required flag or choices. */
  changed: string[];
  /** The fields kept are in another order. */
  reordered: boolean;
  /** For a board renamed in the builder: the name Production had. */
  renamedFrom?: string;
};

/** A board deleted in the app builder: the deployment removes it from Production with its items. */
export type RemovedBoard = { id: string; name: string; productionItems: number };

/** The board fields a deployment stores in its snapshot and writes as the Production form. */
export type DeployedBoard = { id: string; name: string; fields: BoardField[] };

const sameField = (a: BoardField, b: BoardField) => stableJson({ ...a, options: a.options ?? null }) === stableJson({ ...b, options: b.options ?? null });

/** How Production's fields and name would change to become the builder's; null when they would not. */
export function diffBoardFields(board: Pick<Board, "id" | "name" | "fields" | "productionFields" | "productionName">): BoardChange | null {
  const development = board.fields;
  const production = board.productionFields;
  const base = { id: board.id, name: board.name, added: [] as string[], removed: [] as string[], changed: [] as string[], reordered: false };
  if (production === null) return { ...base, firstDeployment: true, added: development.map((f) => f.label) };

  const before = new Map(production.map((field) => [field.key, field]));
  const after = new Set(development.map((field) => field.key));
  const change: BoardChange = {
    ...base,
    firstDeployment: false,
    added: development.filter((f) => !before.has(f.key)).map((f) => f.label),
    removed: production.filter((f) => !after.has(f.key)).map((f) => f.label),
    changed: development.filter((f) => before.has(f.key) && !sameField(before.get(f.key)!, f)).map((f) => f.label),
  };
  const keptBefore = production.filter((f) => after.has(f.key)).map((f) => f.key);
  const keptAfter = development.filter((f) => before.has(f.key)).map((f) => f.key);
  change.reordered = keptBefore.join("\n") !== keptAfter.join("\n");
  if (board.productionName !== null && board.productionName !== board.name) change.renamedFrom = board.productionName;
  const same = change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0 && !change.reordered && !change.renamedFrom;
  return same ? null : change;
}

/** "Orders renamed to Purchase orders" for a renamed board, else its name. */
export function boardChangeTitle(change: Pick<BoardChange, "name" | "renamedFrom">): string {
  return change.renamedFrom ? `${change.renamedFrom} renamed to ${change.name}` : change.name;
}

/** "Board Orders will be removed from Production with its 1,234 items". */
export function describeBoardRemoval(board: RemovedBoard): string {
  const items = `${board.productionItems.toLocaleString("en-US")} item${board.productionItems === 1 ? "" : "s"}`;
  return `Board ${board.name} will be removed from Production with its ${items}`;
}

/** "fields added: Total; removed: Notes", or for a first deployment "new in Production, fields: Title, Email". */
export function describeBoardChange(change: BoardChange): string {
  if (change.firstDeployment) return change.added.length > 0 ? `new in Production, fields: ${change.added.join(", ")}` : "new in Production, no fields yet";
  const parts = [
    change.added.length > 0 ? `added: ${change.added.join(", ")}` : null,
    change.removed.length > 0 ? `removed: ${change.removed.join(", ")}` : null,
    change.changed.length > 0 ? `changed: ${change.changed.join(", ")}` : null,
  ].filter((part) => part !== null);
  const fields = parts.length > 0 ? `fields ${parts.join("; ")}` : null;
  return [fields, change.reordered ? "fields reordered" : null].filter((part) => part !== null).join("; ");
}

/**
 * Every board row of the app: what changes, the fields each one deploys, the boards to write, and
 * those deleted in the builder that leave Production (`productionItems` counts what goes with them).
 */
export function planBoards(
  boards: Board[],
  productionItems: (boardId: string) => number,
): { changes: BoardChange[]; deployed: DeployedBoard[]; writes: DeployedBoard[]; removed: RemovedBoard[] } {
  const changes: BoardChange[] = [];
  const deployed: DeployedBoard[] = [];
  const writes: DeployedBoard[] = [];
  const removed: RemovedBoard[] = [];
  for (const board of boards) {
    if (board.deletedInDevelopmentAt !== null) {
      removed.push({ id: board.id, name: boardNameIn(board, "production"), productionItems: productionItems(board.id) });
      continue;
    }
    const change = diffBoardFields(board);
    const fields: DeployedBoard = { id: board.id, name: board.name, fields: board.fields };
    deployed.push(fields);
    if (change) {
      changes.push(change);
      writes.push(fields);
    }
  }
  return { changes, deployed, writes, removed };
}
