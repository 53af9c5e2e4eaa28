// The connector framework: a connector is a declaration (what it authenticates with, how its
// connection is tested, its triggers and its actions) that the connections service, the
// integration editor and the engine read. Connectors never open the database: everything they
// need arrives in their context.
import type { z } from "zod";
import type { EnvironmentKind } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One input of a form the UI renders from the declaration (connection, trigger options, action input). */
export type PropField = {
  key: string;
  label: string;
  type: "text" | "password" | "textarea" | "number" | "url" | "email" | "select" | "checkbox" | "json";
  required?: boolean;
  /** Stored encrypted, never sent back to the browser (forms show "••••"). */
  secret?: boolean;
  hint?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** Shown only when another field has one of these values, e.g. the header name of an API key. */
  showWhen?: { field: string; equals: string[] };
  /** Whether `{{…}}` references to earlier data may be used (action inputs). */
  mappable?: boolean;
};

export type Logger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
};

/** Outbound HTTP with a timeout; `lib/connectors/outbound.ts` makes the one every connector gets. */
export type ConnectorFetch = (url: string | URL, init?: RequestInit & { timeoutMs?: number }) => Promise<Response>;

export type EnvironmentInfo = { id: string; kind: EnvironmentKind; accountId: string };

export type ConnectionContext<C> = {
  credentials: C;
  environment: EnvironmentInfo;
  fetch: ConnectorFetch;
  log: Logger;
};

/** A failure a connector reports; `transient` ones (network, timeout, 429, 5xx) are retried by the engine. */
export class ConnectorError extends AppError {
  constructor(
    message: string,
    readonly transient = false,
    /** Seconds the remote asked us to wait (Retry-After), when it said so. */
    readonly retryAfterSeconds?: number,
  ) {
    super("bad_request", message);
    this.name = "ConnectorError";
  }
}

/** The credentials are not (or no longer) accepted: the connection needs reauthentication. */
export class ReauthenticationRequiredError extends ConnectorError {
  constructor(message: string) {
    super(message, false);
    this.name = "ReauthenticationRequiredError";
  }
}

export type TestResult = { message: string };

type AuthCommon<C> = {
  /** Checks the credentials before they are stored (e.g. Production needs Production keys). */
  validate?(credentials: C, environment: EnvironmentInfo, fetch: ConnectorFetch): Promise<void>;
  /** Really calls the system; throws a ConnectorError with a message a person understands. */
  test(ctx: ConnectionContext<C>): Promise<TestResult>;
};

export type ConnectorAuth<C = unknown> =
  | { kind: "none" }
  | ({ kind: "fields"; fields: PropField[]; schema: z.ZodType<C> } & AuthCommon<C>)
  | ({ kind: "oauth2"; fields: PropField[]; schema: z.ZodType<C> } & AuthCommon<C>);

export type TriggerType = "app_event" | "webhook" | "schedule" | "polling";

export type TriggerDefinition<O = unknown, C = unknown> = {
  key: string;
  name: string;
  description: string;
  type: TriggerType;
  props: PropField[];
  options: z.ZodType<O>;
  /** What one item of this trigger looks like, for the mapping picker and tests. */
  sampleOutput(options: O): JsonValue;
  onEnable?(ctx: ConnectionContext<C> & { options: O }): Promise<void>;
  onDisable?(ctx: ConnectionContext<C> & { options: O }): Promise<void>;
  /** Polling triggers: new items since `cursor`, and the cursor to keep. */
  poll?(ctx: ConnectionContext<C> & { options: O; cursor: string | null }): Promise<{ items: JsonValue[]; cursor: string | null }>;
};

export type ActionContext<I, C> = ConnectionContext<C> & {
  input: I;
  /** `<runId>:<stepId>`: the same on every retry of a step, so a retried write is not repeated. */
  idempotencyKey: string;
  signal?: AbortSignal;
};

export type ActionDefinition<I = unknown, C = unknown> = {
  key: string;
  name: string;
  description: string;
  props: PropField[];
  input: z.ZodType<I>;
  /** The data it returns (JSON) for the mapping picker. */
  sampleOutput: JsonValue;
  run(ctx: ActionContext<I, C>): Promise<JsonValue>;
};

export type Connector<C = unknown> = {
  key: string;
  name: string;
  description: string;
  /** A short inline SVG path (24×24 viewBox) drawn as the connector's icon. */
  icon: string;
  auth: ConnectorAuth<C>;
  // Each trigger and action has its own options/input type; the registry only needs their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  triggers: TriggerDefinition<any, C>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: ActionDefinition<any, C>[];
};

// The define* helpers only fix the generic types, so a declaration is checked where it is written.
export function defineConnector<C>(connector: Connector<C>): Connector<C> {
  return connector;
}

export function defineAction<I, C = unknown>(action: ActionDefinition<I, C>): ActionDefinition<I, C> {
  return action;
}

export function defineTrigger<O, C = unknown>(trigger: TriggerDefinition<O, C>): TriggerDefinition<O, C> {
  return trigger;
}
