// Starts the built standalone server for one test file, on its own loopback port and over the
// same data folder as the test process (tests/support/setup.ts), so rows the tests build through
// the services are what the server serves.
import type { ChildProcess } from "node:child_process";
import { spawnServer } from "../../scripts/server-process.mjs";

export type TestServer = {
  url: string;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, as in a crash (nothing is given back or flushed). */
  kill: () => Promise<void>;
  /** What the server wrote to stdout and stderr: all of it with `keepOutput`, else the end. */
  output: () => string;
};

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const KEPT_OUTPUT_CHARS = 20_000;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server at ${url} was not healthy within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * A test file's fixed port, moved into another block of 100 when `TEST_PORT_BASE` is set (e.g.
 * 3500 turns 3301 into 3501), so several checkouts can run their suites side by side.
 */
export function testPort(port: number): number {
  const base = Number(process.env.TEST_PORT_BASE);
  return Number.isInteger(base) && base > 0 ? base + (port % 100) : port;
}

/**
 * Port 3300–3399 (or 3500–3699: the 36xx ones are OAuth providers, numbered not to meet a 35xx
 * one in a shared block), one per test file, passed through `testPort`. The server's
 * output is kept (and shown if it fails to start), and shown as it comes with `SERVER_LOGS=1`.
 * `dataDir` is the test process's data folder unless another is given.
 */
export async function startServer({
  port: wanted,
  env = {},
  keepOutput = false,
  dataDir = process.env.DATA_DIR,
}: {
  port: number;
  env?: Record<string, string>;
  keepOutput?: boolean;
  dataDir?: string;
}): Promise<TestServer> {
  const port = testPort(wanted);
  const child = spawnServer({ port, host: "127.0.0.1", dataDir, env, stdio: "pipe" });
  if (process.env.SERVER_LOGS === "1") {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }
  let kept = "";
  const keep = (chunk: Buffer) => {
    kept += chunk.toString();
    if (!keepOutput) kept = kept.slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited(child);
    clearTimeout(timer);
  };
  const kill = async () => {
    child.kill("SIGKILL");
    await exited(child);
  };
  try {
    await waitForHealth(url, child, () => kept);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, kill, output: () => kept };
}

/**
 * A server this test process treats as its own instance: both agree that `localhost:<port>` is
 * the public host, so the Kissflow connector reaches it over http past the private-network guard.
 */
export function ownInstance(wanted: number) {
  const port = testPort(wanted);
  const domain = `localhost:${port}`;
  process.env.PUBLIC_URL = `http://${domain}`;
  return { port, domain, env: { PUBLIC_URL: `http://${domain}`, NEXTAUTH_URL: `http://${domain}` } };
}
