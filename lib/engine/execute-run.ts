// One claimed run, executed: the steps of the version it was queued with, in order, each with
// the idempotency key `<runId>:<stepId>`. A run taken up again (after a transient failure or a
// crash) keeps the outputs of the steps that succeeded and starts at the first that did not.
// The outcome is returned, not written: the engine records outcomes in batches.
import { findIntegrationVersion, stepsOfRun, type RunOutcome, type StepRecord } from "@/db/queries/runs";
import type { Run, RunStep } from "@/db/schema";
import type { JsonValue } from "@/lib/connectors/framework";
import { markRefusedInRun } from "@/lib/connections/mark-reauthentication-required";
import { AppError } from "@/lib/errors";
import { definitionSchema, type IntegrationDefinition } from "@/lib/integrations/definition";
import { redactSecrets } from "@/lib/connections/redact";
import { capPayload, executeStep, prepareSteps, type PreparedStep } from "@/lib/integrations/execute-step";
import type { TemplateData } from "@/lib/integrations/templates";
import type { EngineSettings } from "@/lib/engine/settings";

/** A run interrupted this many times (each crash of its worker counts) fails instead of looping. */
export const MAX_RUN_ATTEMPTS = 10;
/** Retries never wait longer than this, whatever the backoff or the remote's Retry-After says. */
const MAX_RETRY_DELAY_MS = 15 * 60_000;

// Versions never change once written: each is read and checked once per process.
const preparedVersions = new Map<string, PreparedStep[] | AppError>();

function preparedStepsOf(versionId: string): PreparedStep[] {
  let prepared = preparedVersions.get(versionId);
  if (!prepared) {
    const version = findIntegrationVersion(versionId);
    const parsed = version ? definitionSchema.safeParse(version.definition) : undefined;
    try {
      if (!parsed?.success) throw new AppError("validation_failed", "The integration version this run was queued with cannot be read.");
      prepared = prepareSteps(parsed.data as IntegrationDefinition);
    } catch (error) {
      prepared = error instanceof AppError ? error : new AppError("validation_failed", "The integration's steps cannot be prepared.");
    }
    if (preparedVersions.size > 1000) preparedVersions.clear();
    preparedVersions.set(versionId, prepared);
  }
  if (prepared instanceof AppError) throw prepared;
  return prepared;
}

export function retryDelayMs(stepAttempts: number, settings: Pick<EngineSettings, "retryBaseMs">, retryAfterSeconds?: number): number {
  const backoff = settings.retryBaseMs * 2 ** (stepAttempts - 1);
  // Up to 20% jitter, so runs that failed together do not all come back together.
  const jittered = backoff * (1 + Math.random() * 0.2);
  return Math.min(Math.max(jittered, (retryAfterSeconds ?? 0) * 1000), MAX_RETRY_DELAY_MS);
}

function failed(run: Run, error: string, steps: StepRecord[] = []): RunOutcome {
  return { kind: "finished", runId: run.id, status: "failed", error, steps, finishedAt: Date.now() };
}

/**
 * Executes the run; returns null when `signal` aborted it (the engine is stopping or lost the
 * lease): nothing is recorded then, and the run is taken up again from where it was.
 */
export async function executeRun(run: Run, settings: EngineSettings, signal: AbortSignal): Promise<RunOutcome | null> {
  if (run.attempts > MAX_RUN_ATTEMPTS) return failed(run, `The run was interrupted ${MAX_RUN_ATTEMPTS} times (its worker stopped each time) and was given up.`);
  let prepared: PreparedStep[];
  try {
    prepared = preparedStepsOf(run.versionId);
  } catch (error) {
    return failed(run, (error as AppError).message);
  }
  // A first attempt has no steps yet: the read is saved on the hot path.
  const earlier: (RunStep | undefined)[] = run.attempts > 1 ? stepsOfRun(run.id) : [];
  const data: TemplateData = { trigger: run.triggerData as JsonValue, steps: {} };
  const records: StepRecord[] = [];
  const secrets: string[] = [];
  const finish = (outcome: RunOutcome): RunOutcome => ({ ...outcome, steps: redactSecrets(outcome.steps, secrets) });

  for (const [position, step] of prepared.entries()) {
    const before = earlier[position];
    if (before?.status === "succeeded" && before.stepId === step.step.id) {
      data.steps[step.step.id] = before.output as JsonValue;
      continue;
    }
    const attempts = before && before.stepId === step.step.id ? before.attempts + 1 : 1;
    // A timer cleared when the step ends: AbortSignal.timeout would keep one alive per step for the whole timeout.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException("The step timed out.", "TimeoutError")), settings.stepTimeoutMs);
    const execution = await executeStep(step, data, { environmentId: run.environmentId, idempotencyKey: `${run.id}:${step.step.id}`, signal: AbortSignal.any([signal, deadline.signal]), secrets }).finally(() => clearTimeout(timer));
    if (signal.aborted) return null;
    if (deadline.signal.aborted && execution.status === "failed") {
      const limit = settings.stepTimeoutMs < 1000 ? `${settings.stepTimeoutMs} ms` : `${Math.round(settings.stepTimeoutMs / 1000)} s`;
      execution.error = `The step did not finish within ${limit}.`;
      execution.transient = true;
    }
    const now = Date.now();
    const record: StepRecord = {
      position,
      stepId: step.step.id,
      name: step.step.name,
      connectorKey: step.connector.key,
      actionKey: step.action.key,
      status: execution.status,
      input: capPayload(execution.input),
      output: capPayload(execution.output),
      error: execution.error,
      attempts,
      durationMs: execution.durationMs,
      finishedAt: now,
    };
    records.push(record);
    if (execution.status === "succeeded") {
      data.steps[step.step.id] = execution.output;
      continue;
    }
    if (execution.status === "filtered") return finish({ kind: "finished", runId: run.id, status: "filtered", error: null, steps: records, finishedAt: now });
    const error = `Step "${step.step.name}": ${execution.error}`;
    if (execution.credentialsRefused && step.step.connectionId) markRefusedInRun(step.step.connectionId, run.environmentId, execution.error ?? "credentials refused");
    if (execution.transient && attempts < settings.maxAttempts) {
      record.status = "retrying";
      return finish({ kind: "retry", runId: run.id, error: `${error} (attempt ${attempts} of ${settings.maxAttempts}; retrying)`, steps: records, runAfter: now + retryDelayMs(attempts, settings, execution.retryAfterSeconds) });
    }
    const tried = attempts > 1 ? ` (after ${attempts} attempts)` : "";
    return finish(failed(run, `${error}${tried}`, records));
  }
  return finish({ kind: "finished", runId: run.id, status: "succeeded", error: null, steps: records, finishedAt: Date.now() });
}
