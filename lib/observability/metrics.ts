// The server's Prometheus metrics (GET /metrics): HTTP requests by route and status with their
// durations, the engine's step durations and retries, and, read from the database when scraped,
// runs by environment and status and the queue's depth. One registry per process, on globalThis:
// the engine and request timing (instrumentation) and the /metrics route are separate bundles.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { dueRuns, runTotals } from "@/db/queries/runs";

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: "boardflow_http_requests_total", help: "HTTP requests answered, by route pattern, method and status.", labelNames: ["route", "method", "status"], registers }),
    httpDuration: new Histogram({
      name: "boardflow_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern and method.",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    stepDuration: new Histogram({
      name: "boardflow_step_duration_seconds",
      help: "Time a run's step took, by connector.",
      labelNames: ["connector"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    retries: new Counter({ name: "boardflow_run_retries_total", help: "Runs queued again after a transient error.", registers }),
    runs: new Gauge({
      name: "boardflow_runs",
      help: "Runs by environment and status: finished ones from the daily counts, queued and running ones as they are now.",
      labelNames: ["environment", "status"],
      registers,
      collect() {
        this.reset();
        for (const row of runTotals()) this.set({ environment: row.environment, status: row.status }, row.runs);
      },
    }),
    queueDepth: new Gauge({
      name: "boardflow_run_queue_depth",
      help: "Queued runs that are due now.",
      registers,
      collect() {
        this.set(dueRuns(Date.now()).count);
      },
    }),
  };
}

const globalForMetrics = globalThis as unknown as { __metrics?: ReturnType<typeof createMetrics> };

export function metrics() {
  globalForMetrics.__metrics ??= createMetrics();
  return globalForMetrics.__metrics;
}
