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

/**
 * What a connection signed in through an OAuth app gives its connector. The tokens themselves
 * stay with the connections service, which keeps them fresh and stores refreshed ones encrypted.
 */
export type OAuthAccess = {
  /** The OAuth app, looked up when called: an app removed since fails the call, not the context. */
  app(): { name: string; testUrl: string | null };
  /**
   * `ctx.fetch` with `Authorization: Bearer <access token>`: refreshed before it expires, and once
   * more (with one retry) when the remote answers 401. A refused refresh rejects with a
   * ReauthenticationRequiredError, after the connection was marked "Reauthentication required".
   */
  fetch: ConnectorFetch;
  /**
   * Refreshes the access token when it is due, or with `force` whenever there is a refresh token
   * (the one provider call that shows the sign-in is still accepted). Says when the token expires
   * (null: the provider did not say) and whether a refresh happened.
   */
  ensureFreshToken(options?: { force?: boolean }): Promise<{ expiresAt: number | null; refreshed: boolean }>;
};

/** The credentials a connector sees for a connection that signs in through an OAuth app. */
export type OAuthCredentials = { authType: "oauth2" };
export const OAUTH_CREDENTIALS: OAuthCredentials = { authType: "oauth2" };

export type ConnectionContext<C> = {
  credentials: C;
  environment: EnvironmentInfo;
  fetch: ConnectorFetch;
  log: Logger;
  /** Set for connections that sign in through an OAuth app. */
  oauth?: OAuthAccess;
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
  constructor(message: string, options: Pick<ConnectorErrorOptions, "status"> = {}) {
    super(message, options);
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

/**
 * Credentials a person types in a form. `acceptsOAuthApp`: a connection may instead be created
 * with an OAuth app and signed in with Connect now (HTTP request's "OAuth 2.0"); its connector
 * then gets `OAUTH_CREDENTIALS` and `ctx.oauth`.
 */
export type FieldsConnectorAuth<C> = { kind: "fields"; acceptsOAuthApp?: boolean } & FieldsAuth<C>;

/**
 * Every connection signs in through an OAuth app (Connect now redirects to the provider): the
 * connector gets `OAUTH_CREDENTIALS` and `ctx.oauth`; `fields` is empty.
 */
export type OAuth2ConnectorAuth<C> = { kind: "oauth2" } & FieldsAuth<C>;

export type ConnectorAuth<C = unknown> = { kind: "none" } | FieldsConnectorAuth<C> | OAuth2ConnectorAuth<C>;

/** Whether a connector's connections need an OAuth app, may have one, or cannot. */
export function oauthAppUse(auth: ConnectorAuth<unknown>): "required" | "optional" | "none" {
  if (auth.kind === "oauth2") return "required";
  return auth.kind === "fields" && auth.acceptsOAuthApp ? "optional" : "none";
}

/** The OAuth access of a context, or a clear failure when the connection has none. */
export function oauthAccessOf(ctx: ConnectionContext<unknown>): OAuthAccess {
  if (!ctx.oauth) throw new ConnectorError("This connection has not been signed in through an OAuth app: use Connect now.");
  return ctx.oauth;
}

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
  /**
   * Polling triggers: new items since `cursor`, and the cursor to keep. The scheduler calls it
   * every `pollIntervalMinutes(options)` minutes and stores the cursor per integration and environment.
   */
  poll?(ctx: ConnectionContext<C> & { options: O; cursor: string | null }): Promise<{ items: JsonValue[]; cursor: string | null }>;
  pollIntervalMinutes?(options: O): number;
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
