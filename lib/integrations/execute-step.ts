// Executing one step of an integration, the same way for the editor's Test and for the engine:
// the input's templates resolved against the run's data, checked by the action's own schema,
// the action run in the step's connection context with an idempotency key. What comes back
// says whether it may be retried; secret credential values found in it are replaced.
import { contextForOptionalConnection } from "@/lib/connections/connection-context";
import { connectionSecrets, redactSecrets } from "@/lib/connections/redact";
import { ConnectorError, ReauthenticationRequiredError, type ActionDefinition, type Connector, type ConnectionContext, type JsonValue } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { AppError, ValidationError } from "@/lib/errors";
import type { IntegrationDefinition, StepConfig } from "@/lib/integrations/definition";
import { resolveInput, type TemplateData } from "@/lib/integrations/templates";
import { isShown } from "@/lib/integrations/validate-step";

export type StepStatus = "succeeded" | "failed" | "filtered";

export type PreparedStep = { step: StepConfig; connector: Connector<unknown>; action: ActionDefinition<unknown, unknown> };

export type StepExecution = {
  status: StepStatus;
  /** The input after templates, as the action received it (null when resolving failed). */
  input: JsonValue;
  output: JsonValue;
  error: string | null;
  /** A failure worth retrying (network, timeout, 429, 5xx), and how long the remote asked to wait. */
  transient: boolean;
  retryAfterSeconds?: number;
  /** The system refused the connection's credentials: the connection needs reauthentication. */
  credentialsRefused: boolean;
  durationMs: number;
};

/** The steps of a definition with their connectors and actions; a missing one is a clear error. */
export function prepareSteps(definition: IntegrationDefinition): PreparedStep[] {
  return definition.steps.map((step) => {
    const connector = getConnector(step.connectorKey);
    const action = connector?.actions.find((a) => a.key === step.actionKey);
    if (!connector || !action) throw new ValidationError(`Step "${step.name}" uses an action this server does not have (${step.connectorKey}/${step.actionKey}).`);
    return { step, connector, action };
  });
}

/** The inputs the editor shows (a field hidden by `showWhen` keeps no say). */
function shownInput(action: ActionDefinition<unknown, unknown>, input: StepConfig["input"]): StepConfig["input"] {
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => {
      const prop = action.props.find((p) => p.key === key);
      return !prop || isShown(prop, input);
    }),
  );
}

/** Inputs and outputs kept of a step (run history, Test): larger ones are cut with a marker. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** The value, or the start of its JSON text with a marker saying how much was cut. */
export function capPayload(value: JsonValue): JsonValue {
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= MAX_PAYLOAD_BYTES / 4 || Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES) return value;
  const kept = Buffer.from(text).subarray(0, MAX_PAYLOAD_BYTES).toString("utf8").replace(/\uFFFD$/, "");
  return `${kept}… [truncated: ${Buffer.byteLength(text) - Buffer.byteLength(kept)} more bytes]`;
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  // An unexpected failure is logged by name only: its text could carry anything.
  console.error(JSON.stringify({ message: "Unexpected error in a step", error: (error as Error)?.name }));
  return "The step failed unexpectedly; the server log names the error.";
}

export async function executeStep(
  { step, connector, action }: PreparedStep,
  data: TemplateData,
  run: {
    environmentId: string;
    idempotencyKey: string;
    signal?: AbortSignal;
    /** The secrets of the connections the run has used: this step's are added, and all are redacted from its result. */
    secrets: string[];
  },
): Promise<StepExecution> {
  const started = performance.now();
  const result: StepExecution = { status: "failed", input: null, output: null, error: null, transient: false, credentialsRefused: false, durationMs: 0 };
  const secrets = run.secrets;
  let context: ConnectionContext<unknown> | undefined;
  try {
    const input = resolveInput(shownInput(action, step.input), data, { jsonKeys: action.props.filter((p) => p.type === "json").map((p) => p.key) });
    result.input = input;
    const parsed = action.input.safeParse(input);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join(" "));
    context = contextForOptionalConnection(connector, step.connectionId, run.environmentId);
    result.output = await action.run({ ...context, input: parsed.data, idempotencyKey: run.idempotencyKey, signal: run.signal });
    const filteredOut = connector.key === "utilities" && action.key === "filter" && (result.output as { passed?: unknown })?.passed === false;
    result.status = filteredOut ? "filtered" : "succeeded";
  } catch (error) {
    result.error = messageOf(error);
    if (error instanceof ConnectorError) {
      result.transient = error.transient;
      result.retryAfterSeconds = error.retryAfterSeconds;
      result.credentialsRefused = error instanceof ReauthenticationRequiredError;
    }
  }
  // Read once the action is done: it may have refreshed the tokens of an OAuth connection.
  if (context) for (const secret of connectionSecrets(connector, context, step.connectionId)) if (!secrets.includes(secret)) secrets.push(secret);
  result.durationMs = Math.round(performance.now() - started);
  return redactSecrets(result, secrets);
}
