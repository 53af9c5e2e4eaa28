// The engine's knobs, from the environment (README.md lists them). Read once when the engine
// starts; a bad value stops the start with a message naming the variable.
import { z } from "zod";

const positiveInt = (name: string, fallback: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number.` })
    .int(`${name} must be a whole number.`)
    .min(1, `${name} must be at least 1.`)
    .max(max, `${name} must be at most ${max}.`)
    .default(fallback);

const schema = z.object({
  RUN_CONCURRENCY: positiveInt("RUN_CONCURRENCY", 50, 1000),
  RUN_LEASE_SECONDS: positiveInt("RUN_LEASE_SECONDS", 30, 3600),
  RUN_MAX_ATTEMPTS: positiveInt("RUN_MAX_ATTEMPTS", 3, 20),
  RUN_RETRY_BASE_MS: positiveInt("RUN_RETRY_BASE_MS", 2000, 3_600_000),
  RUN_POLL_MS: positiveInt("RUN_POLL_MS", 1000, 60_000),
  // Longer than the longest Delay (5 minutes), so only a step that hangs reaches it.
  RUN_STEP_TIMEOUT_MS: positiveInt("RUN_STEP_TIMEOUT_MS", 360_000, 3_600_000),
  SHUTDOWN_GRACE_SECONDS: positiveInt("SHUTDOWN_GRACE_SECONDS", 20, 600),
});

export type EngineSettings = {
  /** Runs executing at once in this process. */
  concurrency: number;
  /** How long a claimed run stays ours without renewal; a dead worker's runs are taken up after it. */
  leaseMs: number;
  /** Attempts of a step that fails with a transient error (network, timeout, 429, 5xx). */
  maxAttempts: number;
  /** The first retry waits this long, then twice as long each time. */
  retryBaseMs: number;
  /** How often to look for due runs besides being woken (retries coming due, other writers). */
  pollMs: number;
  /** A step still executing after this long fails (transient: it is retried). */
  stepTimeoutMs: number;
  /** On SIGTERM, how long executing runs may go on before their leases are given back. */
  shutdownGraceMs: number;
};

export function engineSettings(env: Record<string, string | undefined> = process.env): EngineSettings {
  const parsed = schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] || undefined])));
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join(" "));
  const s = parsed.data;
  return { concurrency: s.RUN_CONCURRENCY, leaseMs: s.RUN_LEASE_SECONDS * 1000, maxAttempts: s.RUN_MAX_ATTEMPTS, retryBaseMs: s.RUN_RETRY_BASE_MS, pollMs: s.RUN_POLL_MS, stepTimeoutMs: s.RUN_STEP_TIMEOUT_MS, shutdownGraceMs: s.SHUTDOWN_GRACE_SECONDS * 1000 };
}
