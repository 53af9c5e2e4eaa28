// "Test" in the editor: runs the saved integration once, now, on sample trigger data, against the
// DEVELOPMENT connections, step by step: templates resolved, the input checked by the action's own
// schema, the action run with a test idempotency key. Each step's input, output or error and
// duration come back; a Filter that does not pass stops the run ("Filtered"). Stored
// credentials never appear in the result: any secret value found in it is replaced.
import { requireRole, type Actor } from "@/lib/auth/actor";
import { connectorContext, contextForConnection } from "@/lib/connections/connection-context";
import type { ActionDefinition, Connector, ConnectionContext, JsonValue } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { environmentOf } from "@/lib/environments";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import type { StepConfig } from "@/lib/integrations/definition";
import { integrationOfAccount, storedDefinition } from "@/lib/integrations/integration-view";
import { checkContext } from "@/lib/integrations/integrations";
import { resolveInput, type TemplateData } from "@/lib/integrations/templates";
import { triggerSample } from "@/lib/integrations/trigger-sample";
import { checkDefinition } from "@/lib/integrations/validate-definition";
import { isShown } from "@/lib/integrations/validate-step";

export type TestStepStatus = "succeeded" | "failed" | "filtered";

export type TestStepResult = {
  stepId: string;
  name: string;
  connectorName: string;
  actionName: string;
  status: TestStepStatus;
  /** The input after templates, as the action received it (null when resolving failed). */
  input: JsonValue;
  output: JsonValue;
  error: string | null;
  durationMs: number;
};

export type TestRunResult = {
  status: TestStepStatus;
  trigger: { data: JsonValue; description: string };
  steps: TestStepResult[];
  durationMs: number;
};

export type TestOptions = {
  /** Trigger data to use instead of the sample (what a person pasted). */
  sample?: JsonValue;
  /** Test only this step; earlier steps' data come from `previousOutputs`, else their samples. */
  stepId?: string;
  previousOutputs?: Record<string, JsonValue>;
};

/** A step waits at most this long in a test (a Delay of 5 minutes is not worth waiting for here). */
export const TEST_STEP_TIMEOUT_MS = 30_000;
/** Longest input or output kept in a result; the editor shows it as text. */
export const MAX_RESULT_CHARS = 50_000;

function capped(value: JsonValue): JsonValue {
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= MAX_RESULT_CHARS) return value;
  return `${text.slice(0, MAX_RESULT_CHARS)}… [truncated: ${text.length - MAX_RESULT_CHARS} more characters]`;
}

/** Secret credential values (Access key secret, passwords…) of the contexts used. */
function secretsOf(connector: Connector<unknown>, context: ConnectionContext<unknown>): string[] {
  if (connector.auth.kind === "none" || !context.credentials) return [];
  const credentials = context.credentials as Record<string, unknown>;
  return connector.auth.fields.flatMap((field) => {
    const value = credentials[field.key];
    return field.secret && typeof value === "string" && value.length >= 4 ? [value] : [];
  });
}

function redact<T>(value: T, secrets: string[]): T {
  if (secrets.length === 0) return value;
  const scrub = (text: string) => secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
  return JSON.parse(scrub(JSON.stringify(value))) as T;
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  // An unexpected failure is logged by name only: its text could carry anything.
  console.error(JSON.stringify({ message: "Unexpected error in a test step", error: (error as Error)?.name }));
  return "The step failed unexpectedly; the server log names the error.";
}

function contextFor(connector: Connector<unknown>, step: StepConfig, environmentId: string, accountId: string): ConnectionContext<unknown> {
  if (step.connectionId) return contextForConnection(step.connectionId, environmentId).context;
  // No connection: a connector without auth, or with optional auth (e.g. HTTP without credentials).
  return connectorContext(connector, environmentOf(accountId, "development"), undefined);
}

/** The inputs the editor shows (a field hidden by `showWhen` keeps no say). */
function shownInput(action: ActionDefinition<unknown, unknown>, input: StepConfig["input"]): StepConfig["input"] {
  return Object.fromEntries(Object.entries(input).filter(([key]) => {
    const prop = action.props.find((p) => p.key === key);
    return !prop || isShown(prop, input);
  }));
}

type Prepared = { step: StepConfig; connector: Connector<unknown>; action: ActionDefinition<unknown, unknown> };

async function runStep({ step, connector, action }: Prepared, data: TemplateData, run: { integrationId: string; startedAt: number; environmentId: string; accountId: string; secrets: string[] }): Promise<TestStepResult> {
  const started = performance.now();
  const result: TestStepResult = { stepId: step.id, name: step.name, connectorName: connector.name, actionName: action.name, status: "failed", input: null, output: null, error: null, durationMs: 0 };
  try {
    const input = resolveInput(shownInput(action, step.input), data, { jsonKeys: action.props.filter((p) => p.type === "json").map((p) => p.key) });
    result.input = input;
    const parsed = action.input.safeParse(input);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join(" "));
    const context = contextFor(connector, step, run.environmentId, run.accountId);
    run.secrets.push(...secretsOf(connector, context));
    const output = await action.run({
      ...context,
      input: parsed.data,
      idempotencyKey: `test:${run.integrationId}:${step.id}:${run.startedAt}`,
      signal: AbortSignal.timeout(TEST_STEP_TIMEOUT_MS),
    });
    result.output = output;
    const filteredOut = connector.key === "utilities" && action.key === "filter" && (output as { passed?: unknown })?.passed === false;
    result.status = filteredOut ? "filtered" : "succeeded";
  } catch (error) {
    result.error = messageOf(error);
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

export async function testIntegration(actor: Actor, integrationId: string, options: TestOptions = {}): Promise<TestRunResult> {
  requireRole(actor, "builder", "test integrations");
  const row = integrationOfAccount(actor, integrationId);
  // Checked again: a connection or a board may have gone since the definition was saved.
  const definition = checkDefinition(storedDefinition(row), checkContext(actor, row.appId));
  if (!definition.trigger) throw new ValidationError("Choose a trigger before testing: the test runs on its sample data.");
  const triggerDefinition = getConnector(definition.trigger.connectorKey)!.triggers.find((t) => t.key === definition.trigger!.triggerKey)!;
  const trigger = options.sample !== undefined ? { data: options.sample, description: "The sample data you gave." } : triggerSample(actor, row.appId, triggerDefinition, definition.trigger);

  const prepared: Prepared[] = definition.steps.map((step) => {
    const connector = getConnector(step.connectorKey)!;
    return { step, connector, action: connector.actions.find((a) => a.key === step.actionKey)! };
  });
  let toRun = prepared;
  const data: TemplateData = { trigger: trigger.data, steps: {} };
  if (options.stepId !== undefined) {
    const index = prepared.findIndex((p) => p.step.id === options.stepId);
    if (index < 0) throw new NotFoundError("The step");
    for (const { step, action } of prepared.slice(0, index)) data.steps[step.id] = options.previousOutputs?.[step.id] ?? action.sampleOutput;
    toRun = [prepared[index]];
  }

  const startedAt = Date.now();
  const run = { integrationId: row.id, startedAt, environmentId: environmentOf(actor.accountId, "development").id, accountId: actor.accountId, secrets: [] as string[] };
  const steps: TestStepResult[] = [];
  for (const step of toRun) {
    const result = await runStep(step, data, run);
    steps.push({ ...result, input: capped(result.input), output: capped(result.output) });
    if (result.status !== "succeeded") break;
    data.steps[step.step.id] = result.output;
  }
  const last = steps.at(-1);
  const status: TestStepStatus = last && last.status !== "succeeded" ? last.status : "succeeded";
  return redact({ status, trigger: { data: capped(trigger.data), description: trigger.description }, steps, durationMs: Date.now() - startedAt }, run.secrets);
}
