// Boards of an app and their typed fields, edited in the app builder. Renames and deletions made
// here reach Production only through Deploy (lib/deploy), like the fields.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { boardsIn } from "@/db/queries/apps";
import { apps, boards, FIELD_TYPES, type Board, type BoardField, type EnvironmentKind } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { environmentOf } from "@/lib/environments";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { randomId } from "@/lib/ids";
import { deleteBoardItems } from "@/lib/items/delete-board-items";
import { nameSchema, parseOrThrow } from "@/lib/validation";

export const MAX_FIELDS = 100;

export const boardNameSchema = z.object({ name: nameSchema("Board name") });

export const fieldSchema = z
  .object({
    label: nameSchema("Field name", 60),
    type: z.enum(FIELD_TYPES, { error: "Choose a field type." }),
    required: z.boolean().default(false),
    /** For select fields: the choices, one per line or comma-separated. */
    options: z.string().max(5000, "Choices must be at most 5000 characters.").optional(),
  })
  .transform((field, ctx) => {
    const options =
      field.type === "select"
        ? [...new Set((field.options ?? "").split(/[\n,]/).map((o) => o.trim()).filter(Boolean))]
        : undefined;
    if (options && options.length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "A select field needs at least one choice." });
      return z.NEVER;
    }
    return { label: field.label, type: field.type, required: field.required, ...(options ? { options } : {}) };
  });

/**
 * The board if it belongs to an app of the actor's account and `kind` has it (one deleted in the
 * app builder is still in Production until the next deployment). Builder edits use Development.
 */
export function boardOfAccount(actor: Pick<Actor, "accountId">, boardId: string, kind: EnvironmentKind = "development"): Board {
  const row = getDb()
    .select({ board: boards })
    .from(boards)
    .innerJoin(apps, eq(apps.id, boards.appId))
    .where(and(eq(boards.id, boardId), eq(apps.accountId, actor.accountId), boardsIn(kind)))
    .get();
  if (!row) throw new NotFoundError("The board");
  return row.board;
}

export function createBoard(actor: Actor, appId: string, input: unknown): Board {
  requireRole(actor, "builder", "create boards");
  const { name } = parseOrThrow(boardNameSchema, input);
  appOfAccount(actor, appId);
  const now = Date.now();
  // No Production form until the app is deployed (lib/boards/board-fields.ts).
  const board: Board = {
    id: randomId("brd"),
    appId,
    name,
    fields: [],
    productionFields: null,
    productionName: null,
    deletedInDevelopmentAt: null,
    retiredFieldKeys: [],
    createdAt: now,
    updatedAt: now,
  };
  getDb().insert(boards).values(board).run();
  return board;
}

export function renameBoard(actor: Actor, boardId: string, input: unknown): void {
  requireRole(actor, "builder", "rename boards");
  const { name } = parseOrThrow(boardNameSchema, input);
  boardOfAccount(actor, boardId);
  getDb().update(boards).set({ name, updatedAt: Date.now() }).where(eq(boards.id, boardId)).run();
}

/**
 * Deletes the board from Development: the builder no longer has it and its Development items go.
 * Production keeps it and its items until the next deployment removes them; a board never
 * deployed has nothing in Production, so it goes at once.
 */
export function deleteBoard(actor: Actor, boardId: string): void {
  requireRole(actor, "builder", "delete boards");
  const board = boardOfAccount(actor, boardId);
  if (board.productionFields === null) {
    getDb().delete(boards).where(eq(boards.id, boardId)).run();
    return;
  }
  const development = environmentOf(actor.accountId, "development");
  getDb().transaction((tx) => {
    deleteBoardItems(tx, boardId, development.id);
    tx.update(boards).set({ deletedInDevelopmentAt: Date.now() }).where(eq(boards.id, boardId)).run();
  });
}

/** `Customer email` → `customer_email`; made unique among the board's keys. */
function fieldKey(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_")
      .replace(/^(\d)/, "f_$1") || "field";
  let key = base;
  // Keys inherited from Object.prototype (`__proto__`, `constructor`…) would break plain objects.
  for (let n = 2; taken.has(key) || key in Object.prototype; n++) key = `${base}_${n}`;
  return key;
}

function saveFields(boardId: string, fields: BoardField[]): void {
  getDb().update(boards).set({ fields, updatedAt: Date.now() }).where(eq(boards.id, boardId)).run();
}

export function addField(actor: Actor, boardId: string, input: unknown): BoardField {
  requireRole(actor, "builder", "change board fields");
  const data = parseOrThrow(fieldSchema, input);
  const board = boardOfAccount(actor, boardId);
  if (board.fields.length >= MAX_FIELDS) throw new ValidationError(`A board can have at most ${MAX_FIELDS} fields.`);
  if (board.fields.some((f) => f.label.toLowerCase() === data.label.toLowerCase())) {
    throw new ValidationError("A field with this name already exists.", { label: "A field with this name already exists." });
  }
  const taken = new Set([...board.fields.map((f) => f.key), ...board.retiredFieldKeys]);
  const field: BoardField = { key: fieldKey(data.label, taken), ...data };
  saveFields(boardId, [...board.fields, field]);
  return field;
}

export function removeField(actor: Actor, boardId: string, key: string): void {
  requireRole(actor, "builder", "change board fields");
  const board = boardOfAccount(actor, boardId);
  if (!board.fields.some((f) => f.key === key)) throw new NotFoundError("The field");
  getDb()
    .update(boards)
    .set({ fields: board.fields.filter((f) => f.key !== key), retiredFieldKeys: [...board.retiredFieldKeys, key], updatedAt: Date.now() })
    .where(eq(boards.id, boardId))
    .run();
}

export function moveField(actor: Actor, boardId: string, key: string, direction: "up" | "down"): void {
  requireRole(actor, "builder", "change board fields");
  const board = boardOfAccount(actor, boardId);
  const fields = [...board.fields];
  const from = fields.findIndex((f) => f.key === key);
  if (from < 0) throw new NotFoundError("The field");
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= fields.length) return;
  [fields[from], fields[to]] = [fields[to], fields[from]];
  saveFields(boardId, fields);
}
