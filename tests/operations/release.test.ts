// `npm run release`: the archive, unpacked alone in an empty folder and started with a bare
// environment (no Node on PATH, no repository beside it), serves the app from its own data
// folder, takes an account over HTTP, stops on SIGTERM, and backs up and restores with its own
// commands.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HttpSession } from "../support/http-session";
import { testPort } from "../support/server";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-release-"));
const PORT = testPort(3367);
const BASE = `http://127.0.0.1:${PORT}`;
// What a bare machine has: no Node, no npm, none of this checkout's variables.
const BARE_ENV: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: "/usr/bin:/bin", HOME: work, PORT: String(PORT), HOST: "127.0.0.1", NEXTAUTH_URL: BASE };
let release: string;
let server: ChildProcess | undefined;
let output = "";

function run(command: string, args: string[], env = BARE_ENV) {
  const result = spawnSync(command, args, { cwd: release, env, encoding: "utf8" });
  return { status: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

async function healthy(): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if (server?.exitCode !== null) throw new Error(`./start exited:\n${output}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`./start did not serve within 30 s:\n${output}`);
}

/** Submits the Create your account form as a browser without JavaScript does. */
async function createAccountOverHttp(fields: Record<string, string>): Promise<Response> {
  const page = await (await fetch(`${BASE}/create-account`)).text();
  const form = new FormData();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) form.append(name, (value ?? "").replaceAll("&quot;", '"'));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(`${BASE}/create-account`, { method: "POST", body: form });
}

beforeAll(async () => {
  const built = spawnSync("npm", ["run", "-s", "release", "--", "--out", work], { encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  const archive = built.stdout.trim().split("\n").at(-1)!.replace(/ \(\d+ MB\)$/, "");
  const unpacked = path.join(work, "unpacked");
  fs.mkdirSync(unpacked);
  await tar.extract({ file: archive, cwd: unpacked });
  release = path.join(unpacked, fs.readdirSync(unpacked)[0]);
}, 300_000);

afterAll(() => {
  server?.kill("SIGKILL");
  fs.rmSync(work, { recursive: true, force: true });
});

it("starts alone, keeps its data in ./data, takes an account over HTTP and stops on SIGTERM", async () => {
  expect(fs.readdirSync(release).sort()).toEqual([".next", "README.md", "backup", "db", "node", "restore", "scripts", "start"]);
  server = spawn("./start", [], { cwd: release, env: BARE_ENV });
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  await healthy();
  expect(fs.existsSync(path.join(release, "data", "app.db"))).toBe(true);
  expect(fs.statSync(path.join(release, "data", "secrets.json")).mode & 0o777).toBe(0o600);

  expect((await createAccountOverHttp({ companyName: "Release Co", name: "Rita Release", email: "rita@release.example", password: "correct horse battery" })).status).toBe(200);
  const rita = new HttpSession(BASE);
  expect(await rita.signIn("rita@release.example", "correct horse battery")).toBe(true);
  const apps = await rita.get("/apps");
  expect(apps.status).toBe(200);
  expect(await apps.text()).toContain("Release Co");

  const stopped = new Promise<number | null>((resolve) => server!.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await stopped).toBe(143);
  expect(output).toContain("SIGTERM: finishing the runs in progress, then stopping.");
});

it("backs up and restores with its own commands", () => {
  const backup = path.join(work, "release-backup.tar.gz");
  expect(run("./backup", [backup])).toMatchObject({ status: 0, out: expect.stringMatching(/^Backed up 0 runs to /) });
  const restored = run("./restore", [backup], { ...BARE_ENV, DATA_DIR: path.join(work, "restored") });
  expect(restored.status).toBe(0);
  expect(restored.out).toContain(`into ${path.join(work, "restored")}`);
  expect(fs.readdirSync(path.join(work, "restored")).sort()).toEqual(["app.db", "secrets.json"]);
  expect(run("./restore", [backup])).toMatchObject({ status: 1, out: expect.stringContaining("already holds a database") });
});
