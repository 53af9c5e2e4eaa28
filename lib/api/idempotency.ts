// `Idempotency-Key` for POST requests: the look-up of the key, the write the request makes and
// the storing of its response happen in ONE immediate transaction, so a retried request (a client
// that timed out, an engine step run again) gets the first response back and never writes twice,
// even when another process holds the database in between. Keys are kept for 24 hours.
import crypto from "node:crypto";
import { and, asc, eq, lt } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { AppError, ConflictError } from "@/lib/errors";

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
// Expired keys are deleted a few at a time by the requests that add keys, so no request pays
// for a large backlog and no scheduler is needed.
const PRUNE_BATCH = 100;

export type ApiResult = { status: number; body: unknown };

/** The header's value, or null when absent; 400 when empty or longer than 200 characters. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (key.trim() === "" || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new AppError("bad_request", `The Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  }
  return key;
}

/** SHA-256 of method, path and the parsed body (so whitespace alone does not make a new request). */
export function requestHash(request: Request, body: unknown): string {
  const target = `${request.method} ${new URL(request.url).pathname}\n${JSON.stringify(body)}`;
  return crypto.createHash("sha256").update(target).digest("hex");
}

function pruneExpired(tx: Tx, cutoff: number): void {
  const last = tx
    .select({ createdAt: idempotencyKeys.createdAt })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, cutoff))
    .orderBy(asc(idempotencyKeys.createdAt))
    .limit(1)
    .offset(PRUNE_BATCH - 1)
    .get();
  // Up to the batch's newest time (keys sharing that millisecond go too); everything expired when
  // fewer than a batch are.
  const bound = last ? last.createdAt + 1 : cutoff;
  tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, bound)).run();
}

/**
 * Runs `produce` (the request's writes, inside `tx`) and answers with its result. With a key, the
 * first result is stored and every retry with the same request replays it with the header
 * `Idempotent-Replayed: true`; the same key with another request is a 409. Nothing is stored
 * when `produce` throws, so a refused request can be corrected and sent again with its key.
 */
export function respondIdempotently(environmentId: string, key: string | null, hash: string, produce: (tx: Tx) => ApiResult): Response {
  if (key === null) {
    const result = getDb().transaction(produce);
    return Response.json(result.body, { status: result.status });
  }
  const outcome = getDb().transaction(
    (tx) => {
      const now = Date.now();
      const cutoff = now - IDEMPOTENCY_RETENTION_MS;
      const thisKey = and(eq(idempotencyKeys.environmentId, environmentId), eq(idempotencyKeys.key, key));
      tx.delete(idempotencyKeys).where(and(thisKey, lt(idempotencyKeys.createdAt, cutoff))).run();
      const stored = tx.select().from(idempotencyKeys).where(thisKey).get();
      if (stored) {
        if (stored.requestHash !== hash) {
          throw new ConflictError("This Idempotency-Key was already used with a different request. Use a new key for a new request.");
        }
        return { status: stored.status, response: stored.response, replayed: true };
      }
      const result = produce(tx);
      const response = JSON.stringify(result.body);
      pruneExpired(tx, cutoff);
      tx.insert(idempotencyKeys).values({ environmentId, key, requestHash: hash, status: result.status, response, createdAt: now }).run();
      return { status: result.status, response, replayed: false };
    },
    { behavior: "immediate" },
  );
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (outcome.replayed) headers["Idempotent-Replayed"] = "true";
  return new Response(outcome.response, { status: outcome.status, headers });
}
