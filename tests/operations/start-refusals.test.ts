// What stops a start at once, each with one line that says what to do and nothing changed: a
// second server on a data folder that one already serves, a port already taken, a data folder
// that cannot be written.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-start-"));

beforeAll(async () => {
  server = await startServer({ port: 3368 });
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** `npm start`'s script, as a person runs it: its exit code and what it printed. */
function npmStart(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["scripts/start.mjs"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, stderr: result.stderr.trim() };
}

it("refuses a second server on a data folder one already serves, and leaves the first serving", async () => {
  const error = await startServer({ port: 3369 }).then(
    () => null,
    (failure: Error) => failure,
  );
  expect(error?.message).toMatch(/Cannot start: Boardflow is already running on .* \(process \d+, port \d+\): stop it first, or set DATA_DIR to another folder\./);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
});

it("refuses a port already in use in one line", () => {
  const { port } = new URL(server.url);
  expect(npmStart({ PORT: port, HOST: "127.0.0.1", DATA_DIR: path.join(work, "data") })).toEqual({
    status: 1,
    stderr: `Port ${port} on 127.0.0.1 is already in use: stop what listens there, or set PORT to another port.`,
  });
});

it("refuses a data folder it cannot write to in one line", () => {
  const notAFolder = path.join(work, "a-file");
  fs.writeFileSync(notAFolder, "not a folder");
  const { status, stderr } = npmStart({ DATA_DIR: notAFolder });
  expect(status).toBe(1);
  expect(stderr).toMatch(new RegExp(`^Cannot use the data folder ${notAFolder} \\((EEXIST|ENOTDIR)\\): make it a folder this user can write to, or set DATA_DIR to another folder\\.$`));
  expect(fs.readFileSync(notAFolder, "utf8")).toBe("not a folder");
});
