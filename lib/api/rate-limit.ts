// A token bucket per access key, in memory: the app is one process (SPEC §10), and the buckets are
// kept on globalThis so every route bundle shares them. Each key refills at
// API_RATE_LIMIT_PER_SECOND tokens a second up to API_RATE_LIMIT_BURST.
import { HttpError } from "@/lib/api/error-response";

type Bucket = { tokens: number; updatedAt: number };

const globalForLimits = globalThis as unknown as { __apiRateBuckets?: Map<string, Bucket> };

function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : fallback;
}

function rateLimits(): { perSecond: number; burst: number } {
  return {
    perSecond: positiveNumber(process.env.API_RATE_LIMIT_PER_SECOND, 100),
    // A bucket smaller than one request would refuse everything.
    burst: Math.max(1, positiveNumber(process.env.API_RATE_LIMIT_BURST, 200)),
  };
}

/** Takes one token for `key`, or throws a 429 saying when to come back. */
export function takeToken(key: string): void {
  const now = Date.now();
  const { perSecond, burst } = rateLimits();
  const buckets = (globalForLimits.__apiRateBuckets ??= new Map());
  const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
  bucket.updatedAt = now;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return;
  }
  const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  throw new HttpError(
    "rate_limited",
    `Too many requests with this access key (limit ${perSecond} a second, bursts of ${burst}). Retry after ${retryAfter} s.`,
    { "Retry-After": String(retryAfter) },
  );
}
