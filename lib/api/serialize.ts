// The API's JSON shapes. Rows keep times as epoch milliseconds; the API speaks ISO 8601 strings,
// and internal columns (owners, environment IDs, creators) stay out of the responses.
import type { App, Board, EnvironmentKind, Item } from "@/db/schema";
import { boardFieldsIn, boardNameIn } from "@/lib/boards/board-fields";
import type { RunDetail, RunStepView, RunView } from "@/lib/runs/history";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function appJson(app: App) {
  return { id: app.id, name: app.name, createdAt: iso(app.createdAt), updatedAt: iso(app.updatedAt) };
}

/**
 * A board as one environment sees it: in Production, the deployed name and fields (none for a board the
 * app was never deployed with: `deployedToProduction` is false and item writes answer 409).
 */
export function boardJson(board: Board, kind: EnvironmentKind) {
  const fields = boardFieldsIn(board, kind) ?? [];
  return { id: board.id, appId: board.appId, name: boardNameIn(board, kind), fields, deployedToProduction: board.productionFields !== null, createdAt: iso(board.createdAt), updatedAt: iso(board.updatedAt) };
}

export function itemJson(item: Item) {
  return { id: item.id, boardId: item.boardId, values: item.values, createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt) };
}

/** A run as the history lists it; `version` is the deployment number (Production) or the save time in ms (Development). */
export function runJson(run: RunView) {
  return {
    id: run.id,
    appId: run.appId,
    integrationId: run.integrationId,
    integrationName: run.integrationName,
    version: run.version,
    status: run.status,
    source: run.source,
    rerunOf: run.rerunOf,
    attempts: run.attempts,
    error: run.error,
    trigger: run.triggerData,
    createdAt: iso(run.createdAt),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
    durationMs: run.durationMs,
  };
}

function runStepJson(step: RunStepView) {
  return {
    position: step.position,
    stepId: step.stepId,
    name: step.name,
    connectorKey: step.connectorKey,
    actionKey: step.actionKey,
    status: step.status,
    input: step.input,
    output: step.output,
    error: step.error,
    attempts: step.attempts,
    durationMs: step.durationMs,
    finishedAt: iso(step.finishedAt),
  };
}

export function runDetailJson(run: RunDetail) {
  return { ...runJson(run), steps: run.steps.map(runStepJson), reruns: run.reruns };
}
