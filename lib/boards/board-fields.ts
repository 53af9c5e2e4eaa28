// How a board looks in each environment. Development uses the fields and name edited in the app
// builder; Production uses the copy the latest deployment made (SPEC §3 rule 6), so a field added
// or a board renamed in the builder changes neither the Production form nor its name until Deploy.
import type { Board, BoardField, EnvironmentKind } from "@/db/schema";
import { ConflictError } from "@/lib/errors";

/** The board's fields in `kind`; null in Production for a board that was never deployed. */
export function boardFieldsIn(board: Pick<Board, "fields" | "productionFields">, kind: EnvironmentKind): BoardField[] | null {
  return kind === "development" ? board.fields : board.productionFields;
}

/** The board's name in `kind`: in Production the deployed one (the builder's until first deployed). */
export function boardNameIn(board: Pick<Board, "name" | "productionName">, kind: EnvironmentKind): string {
  return kind === "development" ? board.name : (board.productionName ?? board.name);
}

export function notDeployedMessage(boardName: string): string {
  return `The board "${boardName}" has not been deployed yet, so Production has no form for it: deploy the app (Edit app > Deploy), then add its items.`;
}

/** The fields item writes in `kind` are checked against; a board never deployed refuses Production writes. */
export function fieldsForItemWrites(board: Pick<Board, "name" | "fields" | "productionFields">, kind: EnvironmentKind): BoardField[] {
  const fields = boardFieldsIn(board, kind);
  if (fields === null) throw new ConflictError(notDeployedMessage(board.name));
  return fields;
}
