// The server's structured log: one JSON line per entry on stdout, at LOG_LEVEL (default "info";
// "debug" adds a line per finished HTTP request, lib/observability/request-timing.ts). Kept on
// globalThis: instrumentation and the route handlers are separate bundles, and two loggers would
// be two buffered writers on the same stdout.
import pino, { type Logger } from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export class LogConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogConfigError";
  }
}

function levelFromEnv(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase() || "info";
  if (!LEVELS.includes(wanted)) throw new LogConfigError(`LOG_LEVEL must be one of ${LEVELS.join(", ")} (it is "${process.env.LOG_LEVEL}").`);
  return wanted;
}

const globalForLog = globalThis as unknown as { __log?: Logger };

export function logger(): Logger {
  globalForLog.__log ??= pino({ level: levelFromEnv(), base: undefined });
  return globalForLog.__log;
}
