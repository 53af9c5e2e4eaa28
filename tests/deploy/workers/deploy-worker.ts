// A separate process that deploys one app, for the test of two deployments at once: each worker
// has its own SQLite connection to the same data folder, as two server processes would. It
// deploys when a line arrives on stdin, so the test can release both at the same moment, and
// prints the outcome as one JSON line.
import readline from "node:readline";
import { deploy } from "@/lib/deploy/deploy";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";

const [actorJson, appId, basedOnArg] = process.argv.slice(2);
const actor = JSON.parse(actorJson);
getDb(); // open and migrate before the signal, so both start deploying together
process.stdout.write("ready\n");
const lines = readline.createInterface({ input: process.stdin });
lines.once("line", () => {
  try {
    const deployment = deploy(actor, appId, basedOnArg === "" ? {} : { basedOn: Number(basedOnArg) });
    process.stdout.write(`${JSON.stringify({ ok: true, number: deployment.number })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, code: error instanceof AppError ? error.code : "unexpected", message: (error as Error).message })}\n`);
  }
  lines.close();
});
