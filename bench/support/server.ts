// The built server, started for the benchmark over the benchmark's own data folder. Its stdout is
// read for the request lines it logs at LOG_LEVEL=debug (lib/observability/request-timing.ts):
// the server's own time for each request. BENCH_CPU_PROF=<folder> makes it write a CPU profile
// there when it stops.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { ChildProcess } from "node:child_process";
import { build, needsBuild, spawnServer } from "../../scripts/server-process.mjs";

export type RequestLine = { method: string; route: string; status: number; durationMs: number };

export type BenchServer = {
  url: string;
  child: ChildProcess;
  rssMb: () => number;
  /** The request lines logged since the last call, once `count` of them for `route` arrived. */
  takeRequestLines: (route: string, count: number) => Promise<RequestLine[]>;
  stop: () => Promise<void>;
};

function cpuProfileEnv(): Record<string, string> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return {};
  fs.mkdirSync(dir, { recursive: true });
  return { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(dir)}` };
}

export async function startBenchServer({ port, dataDir, env = {} }: { port: number; dataDir: string; env?: Record<string, string> }): Promise<BenchServer> {
  if (needsBuild()) build();
  const child = spawnServer({
    port,
    host: "127.0.0.1",
    dataDir,
    env: { PUBLIC_URL: `http://localhost:${port}`, NEXTAUTH_URL: `http://localhost:${port}`, ...cpuProfileEnv(), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let lines: RequestLine[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const entry = JSON.parse(line) as RequestLine & { msg: string };
    if (entry.msg === "request") lines.push({ method: entry.method, route: entry.route, status: entry.status, durationMs: entry.durationMs });
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("The server did not start.");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    // The resident memory of the server process, from /proc (Linux).
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
    takeRequestLines: async (route, count) => {
      const deadline = Date.now() + 10_000;
      while (lines.filter((line) => line.route === route).length < count) {
        if (Date.now() > deadline) throw new Error(`The server logged fewer than ${count} requests to ${route}: is LOG_LEVEL=debug set?`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const taken = lines;
      lines = [];
      return taken;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
