// Checks one step's input against its action: known inputs, required ones filled, selects among
// their choices, `{{…}}` only where the action allows it and only reading data that exists at
// that point (the trigger's fields, earlier steps), and literal values through the action's own
// zod schema. Problems are collected per field key (`steps.2.input.to`), never thrown one by one.
import type { ActionDefinition, PropField } from "@/lib/connectors/framework";
import type { DataShape } from "@/lib/integrations/available-data";
import type { StepConfig } from "@/lib/integrations/definition";
import { hasReferences, listReferences, parseJsonTemplate, TemplateError, type InputValue, type Reference } from "@/lib/integrations/templates";

/** Every problem of a definition: a message per field key, and lines naming where each is. */
export class Problems {
  readonly fieldErrors: Record<string, string> = {};
  readonly messages: string[] = [];

  add(key: string, where: string, message: string): void {
    if (key in this.fieldErrors) return;
    this.fieldErrors[key] = message;
    this.messages.push(`${where}: ${message}`);
  }

  has(prefix: string): boolean {
    return Object.keys(this.fieldErrors).some((key) => key === prefix || key.startsWith(`${prefix}.`));
  }

  get empty(): boolean {
    return this.messages.length === 0;
  }
}

/** What a step may read: the trigger's data ("absent" with no trigger), earlier and later steps. */
export type Scope = {
  trigger: DataShape | "absent";
  earlier: Map<string, DataShape>;
  /** IDs of this step and the steps after it. */
  laterOrSelf: Set<string>;
};

export const stepLabel = (index: number, name: string) => `Step ${index + 1} (${name})`;

export function isBlank(value: InputValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** A field shown only when another field has one of some values (`showWhen`). */
export function isShown(prop: PropField, input: Record<string, InputValue>): boolean {
  if (!prop.showWhen) return true;
  const other = input[prop.showWhen.field];
  return typeof other === "string" && prop.showWhen.equals.includes(other);
}

/** Why a reference cannot be read at this point, or null when it can. */
export function referenceProblem(ref: Reference, scope: Scope): string | null {
  const [root, first, second] = ref.path;
  if (root === "trigger") {
    if (scope.trigger === "absent") return `${ref.raw} reads the trigger, but there is no trigger yet.`;
    const { keys, valueKeys } = scope.trigger;
    if (first !== undefined && keys && !keys.has(first)) return `${ref.raw}: the trigger has no field "${first}".`;
    if (first === "values" && second !== undefined && valueKeys && !valueKeys.has(second)) return `${ref.raw}: the board has no field "${second}".`;
    return null;
  }
  const shape = scope.earlier.get(first);
  if (!shape) {
    if (scope.laterOrSelf.has(first)) return `${ref.raw} reads step "${first}", which does not come before this step: only earlier steps' data can be used.`;
    return `${ref.raw} refers to a step "${first}" that does not exist.`;
  }
  if (second !== undefined && shape.keys && !shape.keys.has(second)) return `${ref.raw}: step "${first}" has no output "${second}".`;
  return null;
}

function checkReferences(text: string, key: string, where: string, scope: Scope, problems: Problems): boolean {
  let refs: Reference[];
  try {
    refs = listReferences(text);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    problems.add(key, where, error.message);
    return false;
  }
  for (const ref of refs) {
    const problem = referenceProblem(ref, scope);
    if (problem) {
      problems.add(key, where, problem);
      return false;
    }
  }
  return true;
}

/** The literal (reference-free, shown) inputs, as the action's schema will see them. */
function literalProbe(action: ActionDefinition<unknown, unknown>, input: Record<string, InputValue>): Record<string, unknown> {
  const probe: Record<string, unknown> = {};
  for (const prop of action.props) {
    const value = input[prop.key];
    if (value === undefined || isBlank(value) || hasReferences(value) || !isShown(prop, input)) continue;
    if (prop.type === "json" && typeof value === "string") {
      try {
        probe[prop.key] = parseJsonTemplate(value);
      } catch {
        // Reported already, as "not valid JSON".
      }
    } else probe[prop.key] = value;
  }
  return probe;
}

export function checkStepInput(step: StepConfig, index: number, action: ActionDefinition<unknown, unknown>, scope: Scope, problems: Problems): void {
  const where = stepLabel(index, step.name);
  const props = new Map(action.props.map((prop) => [prop.key, prop]));
  const keyOf = (field: string) => `steps.${index}.input.${field}`;
  for (const field of Object.keys(step.input)) {
    if (!props.has(field)) problems.add(keyOf(field), where, `${action.name} has no input "${field}".`);
  }
  for (const prop of action.props) {
    const value = step.input[prop.key];
    if (!isShown(prop, step.input)) continue;
    const key = keyOf(prop.key);
    if (hasReferences(value)) {
      if (!prop.mappable) {
        problems.add(key, where, `${prop.label} cannot use data references: choose or type a value.`);
        continue;
      }
      if (!checkReferences(value, key, where, scope, problems)) continue;
    }
    if (prop.type === "json" && typeof value === "string") {
      try {
        parseJsonTemplate(value);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.add(key, where, `${prop.label}: ${error.message}`);
        continue;
      }
    }
    if (prop.required && prop.type !== "checkbox" && isBlank(value)) {
      problems.add(key, where, `${prop.label} is required.`);
      continue;
    }
    if (prop.type === "select" && prop.options && typeof value === "string" && value !== "" && !prop.options.some((option) => option.value === value)) {
      problems.add(key, where, `Choose one of the ${prop.label} options.`);
    }
  }
  // Literal values go through the action's own schema, so "To must be email addresses…" is
  // said at save time. Inputs with references are only known at run time: their issues wait.
  const referenced = new Set(Object.entries(step.input).flatMap(([field, value]) => (hasReferences(value) ? [field] : [])));
  const result = action.input.safeParse(literalProbe(action, step.input));
  if (result.success) return;
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field !== "string") {
      if (!problems.has(`steps.${index}`)) problems.add(`steps.${index}.input`, where, issue.message);
      continue;
    }
    const prop = props.get(field);
    if (referenced.has(field) || (prop && !isShown(prop, step.input))) continue;
    problems.add(keyOf(field), where, issue.message);
  }
}
