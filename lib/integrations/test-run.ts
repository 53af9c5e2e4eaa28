// "Test" in the editor: runs the saved integration once, now, on sample trigger data, against the
// DEVELOPMENT connections, step by step as the engine does (execute-step.ts), with a test
// idempotency key. Each step's input, output or error and duration come back; a Filter that does
// not pass stops the run ("Filtered"). Stored credentials never appear in the result.
import { requireRole, type Actor } from "@/lib/auth/actor";
import { redactSecrets } from "@/lib/connections/redact";
import type { JsonValue } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { environmentOf } from "@/lib/environments";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { capPayload, executeStep, prepareSteps, type StepStatus } from "@/lib/integrations/execute-step";
import { integrationOfAccount, storedDefinition } from "@/lib/integrations/integration-view";
import { checkContext } from "@/lib/integrations/check-context";
import type { TemplateData } from "@/lib/integrations/templates";
import { triggerSample } from "@/lib/integrations/trigger-sample";
import { checkDefinition } from "@/lib/integrations/validate-definition";

export type TestStepStatus = StepStatus;

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
export async function testIntegration(actor: Actor, integrationId: string, options: TestOptions = {}): Promise<TestRunResult> {
  requireRole(actor, "builder", "test integrations");
  const row = integrationOfAccount(actor, integrationId);
  // Checked again: a connection or a board may have gone since the definition was saved.
  const definition = checkDefinition(storedDefinition(row), checkContext(actor, row.appId));
  if (!definition.trigger) throw new ValidationError("Choose a trigger before testing: the test runs on its sample data.");
  const triggerDefinition = getConnector(definition.trigger.connectorKey)!.triggers.find((t) => t.key === definition.trigger!.triggerKey)!;
  const trigger = options.sample !== undefined ? { data: options.sample, description: "The sample data you gave." } : triggerSample(actor, row.appId, triggerDefinition, definition.trigger);

  const prepared = prepareSteps(definition);
  let toRun = prepared;
  const data: TemplateData = { trigger: trigger.data, steps: {} };
  if (options.stepId !== undefined) {
    const index = prepared.findIndex((p) => p.step.id === options.stepId);
    if (index < 0) throw new NotFoundError("The step");
    for (const { step, action } of prepared.slice(0, index)) data.steps[step.id] = options.previousOutputs?.[step.id] ?? action.sampleOutput;
    toRun = [prepared[index]];
  }

  const startedAt = Date.now();
  const environmentId = environmentOf(actor.accountId, "development").id;
  const steps: TestStepResult[] = [];
  const secrets: string[] = [];
  for (const prepared of toRun) {
    const { step, connector, action } = prepared;
    const execution = await executeStep(prepared, data, {
      environmentId,
      idempotencyKey: `test:${row.id}:${step.id}:${startedAt}`,
      signal: AbortSignal.timeout(TEST_STEP_TIMEOUT_MS),
      secrets,
    });
    steps.push({
      stepId: step.id,
      name: step.name,
      connectorName: connector.name,
      actionName: action.name,
      status: execution.status,
      input: capPayload(execution.input),
      output: capPayload(execution.output),
      error: execution.error,
      durationMs: execution.durationMs,
    });
    if (execution.status !== "succeeded") break;
    data.steps[step.id] = execution.output;
  }
  const last = steps.at(-1);
  const status: TestStepStatus = last && last.status !== "succeeded" ? last.status : "succeeded";
  // A secret met in a later step may sit in an earlier step's data too.
  return redactSecrets({ status, trigger: { data: capPayload(trigger.data), description: trigger.description }, steps, durationMs: Date.now() - startedAt }, secrets);
}
