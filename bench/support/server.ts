// The built server, started for the benchmark over the benchmark's own data folder.
import fs from "node:fs";
import type { ChildProcess } from "node:child_process";
import { build, needsBuild, spawnServer } from "../../scripts/server-process.mjs";

export type BenchServer = { url: string; child: ChildProcess; rssMb: () => number; stop: () => Promise<void> };

export async function startBenchServer({ port, dataDir, env = {} }: { port: number; dataDir: string; env?: Record<string, string> }): Promise<BenchServer> {
  if (needsBuild()) build();
  const child = spawnServer({ port, host: "127.0.0.1", dataDir, env: { PUBLIC_URL: `http://localhost:${port}`, NEXTAUTH_URL: `http://localhost:${port}`, ...env }, stdio: ["ignore", "ignore", "inherit"] });
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
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
