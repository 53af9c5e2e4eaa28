// Catch webhook (SPEC §4, §6): a POST to an integration's webhook address queues one run per item
// (a JSON array is one item per element) in one transaction with the checks that decide whether
// it is accepted: the integration exists in that environment and listens to webhooks, the
// signature is right when it has a signing secret, and it is On. Nothing is written otherwise.
import { getDb, type Tx } from "@/db/client";
import { integrationInEnvironment } from "@/db/queries/triggers";
import type { EnvironmentKind } from "@/db/schema";
import { parseJsonBytes } from "@/lib/api/json-body";
import { readableCredentials } from "@/lib/connections/stored-credentials";
import { connectionInEnvironment } from "@/lib/connections/find-connection";
import type { JsonValue } from "@/lib/connectors/framework";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/connectors/webhook/signature";
import { queueRuns, toRunnable, versionIdOf, type Runnable } from "@/lib/engine/queue";
import { ENVIRONMENT_LABEL } from "@/lib/environments";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { parseWebhookToken } from "@/lib/webhooks/token";

export const MAX_WEBHOOK_ITEMS = 1000;
const MAX_HEADERS = 50;
const MAX_HEADER_CHARS = 1000;
// Headers that carry credentials or session state never reach run history.
const PRIVATE_HEADER = /^(cookie|set-cookie|authorization|proxy-authorization)$|secret|token|password|passwd|api[-_]?key|session|signature|auth/i;

export type WebhookTarget = { integrationId: string; kind: EnvironmentKind };
export type WebhookRequest = { target: WebhookTarget; body: Uint8Array; headers: Headers; receivedAt: Date };

/** The integration and environment a token names; 404 for anything forged, before any body is read. */
export function webhookTarget(token: string): WebhookTarget {
  const target = parseWebhookToken(token);
  if (!target) throw new NotFoundError("This webhook address");
  return target;
}

/** The headers a run keeps: names in lower case, without credentials, bounded in number and size. */
export function safeHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (PRIVATE_HEADER.test(name)) continue;
    if (++count > MAX_HEADERS) break;
    kept[name] = value.length > MAX_HEADER_CHARS ? `${value.slice(0, MAX_HEADER_CHARS)}…` : value;
  }
  return kept;
}

/** The body's items: the elements of an array, else the value itself. */
export function webhookItems(bytes: Uint8Array): JsonValue[] {
  const body = parseJsonBytes(bytes) as JsonValue;
  if (!Array.isArray(body)) return [body];
  if (body.length > MAX_WEBHOOK_ITEMS) {
    throw new AppError("payload_too_large", `A webhook body may hold at most ${MAX_WEBHOOK_ITEMS} items (this one has ${body.length}); send them in smaller batches.`);
  }
  return body;
}

// Parsed definitions by version ID: a version never changes, so a busy webhook parses it once.
const RUNNABLES_KEPT = 500;
const runnables = new Map<string, Runnable | null>();

function runnableOf(row: NonNullable<ReturnType<typeof integrationInEnvironment>>): Runnable | null {
  const key = versionIdOf(row.id, row.environmentId, row.version);
  if (runnables.has(key)) return runnables.get(key)!;
  const runnable = toRunnable({ id: row.environmentId }, row);
  if (runnables.size >= RUNNABLES_KEPT) runnables.delete(runnables.keys().next().value!);
  runnables.set(key, runnable);
  return runnable;
}

function checkSignature(tx: Tx, connectionId: string, environmentId: string, request: WebhookRequest): void {
  const connection = connectionInEnvironment(connectionId, environmentId, tx);
  // A secret that no longer decrypts is no secret: the connection must be authenticated again.
  const secret = connection ? readableCredentials<{ signingSecret?: string }>(connection)?.signingSecret : undefined;
  if (!secret) throw new AppError("unauthorized", "This webhook's signing secret is not set up: authenticate its Webhook connection first.");
  const header = request.headers.get(SIGNATURE_HEADER);
  if (!header) throw new AppError("unauthorized", `This webhook requires a signature: send ${SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the raw body with the signing secret, in hex>.`);
  if (!verifySignature(secret, request.body, header)) throw new AppError("unauthorized", `The ${SIGNATURE_HEADER} signature does not match the body and the signing secret.`);
}

/** Accepts a webhook request to a target `webhookTarget` read: the IDs of the runs queued, one per item. */
export function receiveWebhook(request: WebhookRequest): number[] {
  const { integrationId, kind } = request.target;
  const items = webhookItems(request.body);
  const headers = safeHeaders(request.headers);
  const receivedAt = request.receivedAt.toISOString();
  return getDb().transaction((tx) => {
    const row = integrationInEnvironment(integrationId, kind);
    if (!row) throw new NotFoundError("This webhook address");
    const runnable = runnableOf(row);
    const trigger = runnable?.definition.trigger;
    if (!runnable || trigger?.connectorKey !== "webhook" || trigger.triggerKey !== "catch_webhook") {
      throw new AppError("not_found", `${row.name} does not catch webhooks: its trigger is not Webhook › Catch webhook.`);
    }
    if (trigger.connectionId) checkSignature(tx, trigger.connectionId, row.environmentId, request);
    if (!row.enabled || !row.live) {
      const state = row.live ? "is off" : "is archived";
      throw new ConflictError(`${row.name} ${state} in ${ENVIRONMENT_LABEL[kind]}: the webhook was not accepted and no run was started. Turn it on to receive webhooks.`);
    }
    return queueRuns(tx, runnable, "webhook", items.map((body) => ({ body, headers, receivedAt })));
  });
}
