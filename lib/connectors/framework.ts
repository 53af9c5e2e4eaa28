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

/**
 * Outbound HTTP with a timeout, a response size cap and the private-network guard;
 * `lib/connectors/outbound.ts` makes the one every connector gets. Network failures and timeouts
 * reject with a ConnectorError; HTTP error statuses resolve (see `errorFromResponse`).
 */
export type ConnectorFetch = (
  url: string | URL,
  init?: RequestInit & { timeoutMs?: number; maxResponseBytes?: number },
) => Promise<Response>;

export type EnvironmentInfo = {
  /** The environment's Account ID, e.g. `AcX7k2p9` (Production) or `AcX7k2p9-dev`. */
  id: string;
  kind: EnvironmentKind;
  /** The tenant the environment belongs to. */
  accountId: string;
  /** This environment's Account domain (its configured domain, else the instance's host). */
  accountDomain: string;
  /**
   * How this instance itself is reached: the protocol of its public URL, and the hosts that are
   * this instance (its public host and the account's configured Account domains).
   */
  instance: { protocol: "http:" | "https:"; hosts: string[] };
};

export type ConnectionContext<C> = {
  credentials: C;
  environment: EnvironmentInfo;
  fetch: ConnectorFetch;
  log: Logger;
};

export type ConnectorErrorOptions = {
  /** Network failures, timeouts, 429 and 5xx: the engine retries these with backoff. */
  transient?: boolean;
  /** Seconds the remote asked us to wait (Retry-After), when it said so. */
  retryAfterSeconds?: number;
  /** The remote's HTTP status, when the failure is an HTTP answer. */
  status?: number;
  /** Which credential or input field is wrong, keyed by field key, for the form. */
  fieldErrors?: Record<string, string>;
};

/** A failure a connector reports, with a message a person understands and no secret in it. */
export class ConnectorError extends AppError {
  readonly transient: boolean;
  readonly retryAfterSeconds?: number;
  readonly status?: number;

  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super("bad_request", message, options.fieldErrors);
    this.name = "ConnectorError";
    this.transient = options.transient ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.status = options.status;
  }
}

/** The credentials are not (or no longer) accepted: the connection needs reauthentication. */
export class ReauthenticationRequiredError extends ConnectorError {
  constructor(message: string) {
    super(message);
    this.name = "ReauthenticationRequiredError";
  }
}

export type TestResult = {
  message: string;
  /**
   * False when there was nothing to call (e.g. no test URL): recorded as "not tested" rather
   * than as a pass, so nothing pretends a check happened.
   */
  checked?: boolean;
};

type AuthCommon<C> = {
  /**
   * Refuses credentials before they are stored, by throwing a ConnectorError (e.g. Production
   * needs Production keys). Failures it cannot judge (unreachable, wrong secret) are left to
   * `test`, which runs right after the credentials are stored.
   */
  validate?(ctx: ConnectionContext<C>): Promise<void>;
  /** Really calls the system; throws a ConnectorError with a message a person understands. */
  test(ctx: ConnectionContext<C>): Promise<TestResult>;
};

type FieldsAuth<C> = {
  fields: PropField[];
  schema: z.ZodType<C>;
  /** Steps may use the connector without a connection (e.g. a webhook without a signing secret). */
  optional?: boolean;
} & AuthCommon<C>;

/** Credentials a person types in a form. */
export type FieldsConnectorAuth<C> = { kind: "fields" } & FieldsAuth<C>;

export type ConnectorAuth<C = unknown> = { kind: "none" } | FieldsConnectorAuth<C> | ({ kind: "oauth2" } & FieldsAuth<C>);

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
  /**
   * The connector calls this instance's own API (Kissflow): its fetch may reach the instance's
   * hosts (`EnvironmentInfo.instance.hosts`) even when they resolve to private addresses.
   */
  callsInstance?: boolean;
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
