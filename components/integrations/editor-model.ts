// What the integration editor holds and the pure helpers it uses: the data the page gives it,
// new steps and their IDs, default inputs, and the data a step may insert ("Insert data").
import type { ConnectionStatus } from "@/db/schema";
import type { ActionState } from "@/lib/auth/action";
import type { JsonValue, PropField } from "@/lib/connectors/framework";
import type { ConnectorSummary } from "@/lib/connectors/registry";
import { boardItemOptions, samplePaths, type DataOption } from "@/lib/integrations/available-data";
import type { IntegrationDefinition, StepConfig, TriggerDefinitionConfig } from "@/lib/integrations/definition";
import type { TestRunResult } from "@/lib/integrations/test-run";

export type EditorConnection = { id: string; name: string; connectorKey: string; status: ConnectionStatus; authenticated: boolean };
export type EditorBoard = { id: string; name: string; fields: { key: string; label: string }[] };

/** Everything the editor needs from the server, as plain data. */
export type EditorData = {
  appId: string;
  integrationId: string;
  name: string;
  archived: boolean;
  connectors: ConnectorSummary[];
  /** Development connections of the account. */
  connections: EditorConnection[];
  boards: EditorBoard[];
  /** Sample outputs by `<connector>/<trigger>` and `<connector>/<action>`. */
  triggerSamples: Record<string, JsonValue>;
  actionSamples: Record<string, JsonValue>;
  connectionsHref: string;
  /** The integration's Development webhook address, shown when its trigger is Catch webhook. */
  webhookAddress: string;
};

/** What Save and Test answer the editor: the alert's lines, the per-field messages, a test's result. */
export type EditorAnswer = ActionState & { problems?: string[]; savedAt?: number; result?: TestRunResult };

/** A step with a key React keeps across reorders (the ID may change while the action is chosen). */
export type EditorStep = StepConfig & { uid: string };
export type EditorState = { trigger: TriggerDefinitionConfig | null; steps: EditorStep[] };

let uidCounter = 0;
export const newUid = () => `s${Date.now().toString(36)}${(uidCounter++).toString(36)}`;

export function toEditorState(definition: IntegrationDefinition): EditorState {
  return { trigger: definition.trigger, steps: definition.steps.map((step) => ({ ...step, uid: newUid() })) };
}

export function toDefinition(state: EditorState): IntegrationDefinition {
  return { trigger: state.trigger, steps: state.steps.map(({ uid: _uid, ...step }) => step) };
}

export function uniqueId(base: string, taken: string[]): string {
  const clean = base.toLowerCase().replace(/[^a-z0-9_]/g, "_").replace(/^[^a-z]+/, "").replace(/_+$/, "").slice(0, 34) || "step";
  if (!taken.includes(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.includes(`${clean}_${n}`)) return `${clean}_${n}`;
}

/** A placeholder ID until the action is chosen, then named after it (`create_item`). */
export const AUTO_ID = /^step_\d+$/;

export function newStep(taken: string[]): EditorStep {
  let n = taken.length + 1;
  while (taken.includes(`step_${n}`)) n++;
  return { uid: newUid(), id: `step_${n}`, name: "", connectorKey: "", actionKey: "", connectionId: null, input: {} };
}

/** Selects start on their first choice (a Formatter's transformation, a request's method). */
export function defaultValues(props: PropField[]): Record<string, string> {
  return Object.fromEntries(props.flatMap((prop) => (prop.type === "select" && prop.options?.[0] ? [[prop.key, prop.options[0].value]] : [])));
}

export { isShown } from "@/lib/integrations/validate-step";

export function findTrigger(data: EditorData, trigger: Pick<TriggerDefinitionConfig, "connectorKey" | "triggerKey"> | null) {
  const connector = data.connectors.find((c) => c.key === trigger?.connectorKey);
  return { connector, definition: connector?.triggers.find((t) => t.key === trigger?.triggerKey) };
}

export function findAction(data: EditorData, step: Pick<StepConfig, "connectorKey" | "actionKey">) {
  const connector = data.connectors.find((c) => c.key === step.connectorKey);
  return { connector, definition: connector?.actions.find((a) => a.key === step.actionKey) };
}

export type DataGroup = { label: string; options: DataOption[] };

/** What the step at `index` may insert: the trigger's fields, then each earlier step's output. */
export function dataGroups(data: EditorData, state: EditorState, index: number): DataGroup[] {
  const groups: DataGroup[] = [];
  const trigger = state.trigger;
  const { definition } = findTrigger(data, trigger);
  if (trigger && definition) {
    const boardId = trigger.options.boardId;
    const board = definition.type === "app_event" ? data.boards.find((b) => b.id === boardId) : undefined;
    const sample = data.triggerSamples[`${trigger.connectorKey}/${trigger.triggerKey}`];
    const options = board ? boardItemOptions(board.fields) : sample !== undefined ? samplePaths(sample, "trigger") : [];
    if (options.length > 0) groups.push({ label: `Trigger: ${definition.name}${board ? ` (${board.name})` : ""}`, options });
  }
  state.steps.slice(0, index).forEach((step, i) => {
    const sample = data.actionSamples[`${step.connectorKey}/${step.actionKey}`];
    if (sample === undefined) return;
    groups.push({ label: `Step ${i + 1}: ${step.name || step.id}`, options: samplePaths(sample, `steps.${step.id}`) });
  });
  return groups;
}
