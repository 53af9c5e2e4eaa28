// A small load generator: `concurrency` senders over keep-alive connections, each sending the
// next request as soon as its previous one is answered, until `total` requests were sent.
import { Agent, request } from "undici";

export type LoadResult = { requests: number; seconds: number; perSecond: number; p50: number; p95: number; p99: number; failures: number };

export type LoadRequest = { path: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export async function load(baseUrl: string, { total, concurrency, next }: { total: number; concurrency: number; next: (i: number) => LoadRequest }): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  const started = performance.now();
  async function sender() {
    while (sent < total) {
      const i = sent++;
      const { path, method = "GET", headers, body } = next(i);
      const t = performance.now();
      const response = await request(`${baseUrl}${path}`, { method, headers, body, dispatcher });
      await response.body.dump();
      latencies.push(performance.now() - t);
      if (response.statusCode >= 400) failures += 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  return { requests: total, seconds, perSecond: total / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), failures };
}

/** Times `fn` `times` times; returns the sorted durations in ms. */
export async function timeEach(times: number, fn: (i: number) => unknown): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    durations.push(performance.now() - t);
  }
  return durations.sort((a, b) => a - b);
}
