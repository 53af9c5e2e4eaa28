// Load through autocannon, bounded: a fixed number of keep-alive connections, each sending its
// next request when the previous one is answered, until a fixed number of requests was answered.
// Loopback addresses only. `request(i)` gives each request, so bodies and queries can vary.
import autocannon from "autocannon";

export type LoadRequest = { path: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };

export type LoadResult = {
  /** From the first request sent to the last answer received. */
  seconds: number;
  perSecond: number;
  /** Every response's latency as the client saw it, in ms, sorted. */
  latencies: number[];
  /** Answers outside 2xx, connection errors and timeouts. */
  failures: number;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)];
}

export async function load(baseUrl: string, { amount, connections, request }: { amount: number; connections: number; request: (i: number) => LoadRequest }): Promise<LoadResult> {
  if (new URL(baseUrl).hostname !== "127.0.0.1") throw new Error(`The benchmark loads loopback addresses only, not ${baseUrl}.`);
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  let lastAnswered = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
      url: baseUrl,
      connections,
      amount,
      pipelining: 1,
      timeout: 30,
      // autocannon sees that `amount` was reached at its next sample (every second by default):
      // sampling often ends the load with its last answer, not up to a second later.
      sampleInt: 10,
      requests: [{ setupRequest: (defaults) => ({ ...defaults, method: "GET", ...request(next++) }) }],
    };
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastAnswered = performance.now();
    });
  });
  const seconds = (lastAnswered - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, perSecond: latencies.length / seconds, latencies, failures: result.non2xx + result.errors + result.timeouts };
}
