// `npm start` (and a release's `./start`): build when the sources changed, then serve on PORT
// (default 3000). The server migrates the database and generates its secrets into the data
// folder on first start. What would stop it at once (the port taken, a data folder it cannot
// write) is said here in one line, before the server's own start-up.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { build, needsBuild, resolveDataDir, spawnServer } from "./server-process.mjs";

function portInUse(port, host) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) => (error.code === "EADDRINUSE" ? resolve(true) : reject(error)));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

/** Why the data folder cannot be used (an error code), or null when a file can be written in it. */
function dataDirProblem(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
    return null;
  } catch (error) {
    return error.code ?? error.message;
  }
}

function stop(message) {
  console.error(message);
  process.exit(1);
}

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const dataDir = resolveDataDir();
const problem = dataDirProblem(dataDir);
if (problem) stop(`Cannot use the data folder ${dataDir} (${problem}): make it a folder this user can write to, or set DATA_DIR to another folder.`);
if (await portInUse(port, host)) stop(`Port ${port} on ${host} is already in use: stop what listens there, or set PORT to another port.`);

if (needsBuild()) {
  console.log("Building the app (first start, or the sources changed)…");
  build();
}
const server = spawnServer({ port, host, dataDir });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
