// Checks a whole definition before it is saved (or deployed): its shape, then every part against
// the registry, the account's connections and the app's boards. All problems are gathered, each
// under the key of its field (`trigger.options.boardId`, `steps.1.connectionId`,
// `steps.2.input.to`) with a line naming its step ("Step 3 (Send email): To is required.").
import type { Board, EnvironmentKind } from "@/db/schema";
import type { Connector } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { boardIdOfTrigger, dropEmpty, stepShape, triggerShape, type DataShape } from "@/lib/integrations/available-data";
import { definitionSchema, type IntegrationDefinition, type TriggerDefinitionConfig } from "@/lib/integrations/definition";
import { hasReferences } from "@/lib/integrations/templates";
import { checkStepInput, Problems, stepLabel, type Scope } from "@/lib/integrations/validate-step";
import { ValidationError } from "@/lib/errors";

export type ConnectionInfo = { id: string; name: string; connectorKey: string; environmentKind: EnvironmentKind };

export type CheckContext = {
  /** The boards of the integration's app. */
  boards: Board[];
  /** A connection of the account, or undefined (missing, deleted or another account's). */
  connection(id: string): ConnectionInfo | undefined;
};

/** Step IDs that mean something to JavaScript objects; templates refuse them as path names. */
const RESERVED_STEP_IDS = new Set(["constructor", "prototype"]);
const MAX_LINES_IN_MESSAGE = 5;

/** A refused definition: `problems` lists every line, the message the first few. */
export class DefinitionError extends ValidationError {
  declare readonly fieldErrors: Record<string, string>;

  constructor(readonly problems: string[], fieldErrors: Record<string, string>) {
    const more = problems.length - MAX_LINES_IN_MESSAGE;
    super(problems.slice(0, MAX_LINES_IN_MESSAGE).join(" ") + (more > 0 ? ` (and ${more} more)` : ""), fieldErrors);
    this.name = "DefinitionError";
  }
}

function checkConnection(connector: Connector<unknown>, connectionId: string | null, key: string, where: string, ctx: CheckContext, problems: Problems): void {
  if (connector.auth.kind === "none") {
    if (connectionId !== null) problems.add(key, where, `${connector.name} needs no connection.`);
    return;
  }
  if (connectionId === null) {
    if (!connector.auth.optional) problems.add(key, where, `Choose a ${connector.name} connection.`);
    return;
  }
  const connection = ctx.connection(connectionId);
  if (!connection) {
    problems.add(key, where, "This connection does not exist (it may have been deleted): choose another.");
  } else if (connection.environmentKind !== "development") {
    problems.add(key, where, `"${connection.name}" is a Production connection: the app builder uses Development connections.`);
  } else if (connection.connectorKey !== connector.key) {
    const other = getConnector(connection.connectorKey)?.name ?? connection.connectorKey;
    problems.add(key, where, `"${connection.name}" is a ${other} connection, not a ${connector.name} one.`);
  }
}

function checkTrigger(trigger: TriggerDefinitionConfig, ctx: CheckContext, problems: Problems): DataShape | null {
  const where = "Trigger";
  const connector = getConnector(trigger.connectorKey);
  if (!connector) {
    problems.add("trigger.connectorKey", where, `There is no connector "${trigger.connectorKey}".`);
    return null;
  }
  const definition = connector.triggers.find((t) => t.key === trigger.triggerKey);
  if (!definition) {
    problems.add("trigger.triggerKey", where, `${connector.name} has no trigger "${trigger.triggerKey}".`);
    return null;
  }
  checkConnection(connector, trigger.connectionId, "trigger.connectionId", where, ctx, problems);
  const props = new Set(definition.props.map((prop) => prop.key));
  for (const [key, value] of Object.entries(trigger.options)) {
    if (!props.has(key)) problems.add(`trigger.options.${key}`, where, `${definition.name} has no option "${key}".`);
    else if (hasReferences(value)) problems.add(`trigger.options.${key}`, where, "Trigger options cannot use data references: nothing has happened yet when the trigger fires.");
  }
  const parsed = definition.options.safeParse(dropEmpty(trigger.options));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join(".") : (definition.props[0]?.key ?? "");
      problems.add(`trigger.options.${field}`, where, issue.message);
    }
  }
  const boardId = boardIdOfTrigger(definition, trigger);
  if (boardId !== null && !ctx.boards.some((board) => board.id === boardId)) {
    problems.add("trigger.options.boardId", where, "This board is not one of this app's boards (it may have been deleted): choose another.");
  }
  return triggerShape(definition, trigger, ctx.boards);
}

/** Problems of the shape itself (zod), each named by its step where it has one. */
function shapeError(raw: unknown, issues: { path: PropertyKey[]; message: string }[]): DefinitionError {
  const problems = new Problems();
  const steps = (raw as { steps?: unknown })?.steps;
  for (const issue of issues) {
    const [first, index] = issue.path;
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "definition";
    let where = "Integration";
    if (first === "trigger") where = "Trigger";
    if (first === "steps" && typeof index === "number") {
      const name = Array.isArray(steps) && typeof steps[index]?.name === "string" && steps[index].name.trim() ? steps[index].name.trim() : "unnamed";
      where = stepLabel(index, name);
    }
    problems.add(key, where, issue.message);
  }
  return new DefinitionError(problems.messages, problems.fieldErrors);
}

/** The checked definition, or a DefinitionError listing every problem. */
export function checkDefinition(raw: unknown, ctx: CheckContext): IntegrationDefinition {
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) throw shapeError(raw, parsed.error.issues);
  const definition = parsed.data;
  const problems = new Problems();
  let trigger: Scope["trigger"] = "absent";
  if (definition.trigger) trigger = checkTrigger(definition.trigger, ctx, problems) ?? { keys: null, options: [] };

  const seen = new Set<string>();
  definition.steps.forEach((step, index) => {
    const where = stepLabel(index, step.name);
    if (seen.has(step.id)) problems.add(`steps.${index}.id`, where, `Another step already has the ID "${step.id}": each step needs its own.`);
    else if (RESERVED_STEP_IDS.has(step.id)) problems.add(`steps.${index}.id`, where, `"${step.id}" cannot be a step ID: choose another.`);
    seen.add(step.id);
  });

  const earlier = new Map<string, DataShape>();
  definition.steps.forEach((step, index) => {
    const where = stepLabel(index, step.name);
    const laterOrSelf = new Set(definition.steps.slice(index).map((s) => s.id));
    const connector = getConnector(step.connectorKey);
    const action = connector?.actions.find((a) => a.key === step.actionKey);
    if (!connector) problems.add(`steps.${index}.connectorKey`, where, `There is no connector "${step.connectorKey}".`);
    else if (!action) problems.add(`steps.${index}.actionKey`, where, `${connector.name} has no action "${step.actionKey}".`);
    if (connector) checkConnection(connector, step.connectionId, `steps.${index}.connectionId`, where, ctx, problems);
    if (action) checkStepInput(step, index, action, { trigger, earlier, laterOrSelf }, problems);
    // A duplicate ID keeps the first step's data: references cannot tell the two apart.
    if (!earlier.has(step.id)) earlier.set(step.id, action ? stepShape(step.id, action) : { keys: null, options: [] });
  });

  if (!problems.empty) throw new DefinitionError(problems.messages, problems.fieldErrors);
  return definition;
}
