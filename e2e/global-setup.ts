// Starts the built standalone server on loopback with a fresh data folder for the whole run.
// Private addresses are allowed: the specs run real SMTP and OAuth servers on loopback.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { spawnServer } from "../scripts/server-process.mjs";

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server at ${url} did not become healthy in time.`);
}

export default async function globalSetup(config: FullConfig) {
  const baseURL = String(config.projects[0].use.baseURL);
  const port = Number(new URL(baseURL).port);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-e2e-"));
  // The specs' workers inherit it: the backup spec runs `npm run backup` on the server's data.
  process.env.E2E_DATA_DIR = dataDir;
  const server = spawnServer({ port, host: "127.0.0.1", dataDir, env: { NEXTAUTH_URL: baseURL, ALLOW_PRIVATE_NETWORK: "true" }, stdio: ["ignore", "inherit", "inherit"] });
  await waitForHealth(baseURL, Date.now() + 30_000);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
