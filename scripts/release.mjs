// `npm run release [-- --out <folder>]`: one .tar.gz that runs on a bare Linux machine of this
// architecture: the Next.js standalone server, its static files and migrations, the pinned Node
// runtime, and launchers (`./start`, `./backup`, `./restore`). The launchers run the same
// scripts/start.mjs and scripts/server-process.mjs as `npm start`, so a release migrates,
// generates its keys and stops gracefully exactly as a checkout does; the data stays in
// `./data` beside them (or DATA_DIR).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import * as tar from "tar";
import { build, needsBuild, root } from "./server-process.mjs";

const { values } = parseArgs({ options: { out: { type: "string", default: path.join(root, "release") } } });
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const name = `boardflow-${version}-linux-${process.arch}`;
const outDir = path.resolve(values.out);
const staging = path.join(outDir, name);

// What the server needs from the standalone output; the tracer also copies files it only guessed at.
const STANDALONE_ENTRIES = ["server.js", "package.json", ".next", "node_modules", "public"];
// The README sections a person running the release needs.
const README_SECTIONS = ["Configure", "Where the data lives, and backups", "Watch it, upgrade it"];

function copy(from, to) {
  fs.cpSync(path.join(root, from), path.join(staging, to ?? from), { recursive: true, verbatimSymlinks: true });
}

function launcher(file, command) {
  const script = `#!/bin/sh
# ${command.comment}
here="$(cd "$(dirname "$0")" && pwd)"
${command.line}
`;
  fs.writeFileSync(path.join(staging, file), script, { mode: 0o755 });
}

function readmeExcerpt() {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const sections = readme.split(/^(?=## )/m).filter((section) => README_SECTIONS.some((title) => section.startsWith(`## ${title}\n`)));
  const intro = `# Boardflow ${version}

\`./start\` serves the app on http://localhost:3000 (PORT and HOST change it), keeping everything
in \`./data\` (or DATA_DIR): the first start migrates the database and generates the keys. It needs
nothing but this folder: Node ${process.versions.node} is in \`node/\`. Stop it with Ctrl-C or SIGTERM:
runs in progress finish first (SHUTDOWN_GRACE_SECONDS).

\`./backup <file>\` and \`./restore <file> [--replace]\` are the \`npm run backup\` and
\`npm run restore\` described below.

`;
  return intro + sections.join("").replaceAll("npm run backup --", "./backup").replaceAll("npm run restore --", "./restore");
}

/** The backup and restore commands as single files run by the bundled Node (no tsx in a release). */
async function bundleOperations() {
  for (const operation of ["backup", "restore"]) {
    await esbuild.build({
      entryPoints: [path.join(root, "scripts", `${operation}.ts`)],
      outfile: path.join(staging, "scripts", `${operation}.cjs`),
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node24",
      external: ["better-sqlite3"],
      logLevel: "warning",
    });
  }
}

if (needsBuild()) build();
fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(path.join(staging, ".next", "standalone"), { recursive: true });
for (const entry of STANDALONE_ENTRIES) {
  if (fs.existsSync(path.join(root, ".next", "standalone", entry))) copy(path.join(".next", "standalone", entry));
}
copy(path.join(".next", "BUILD_ID"));
copy(path.join("db", "migrations"));
for (const script of ["start.mjs", "server-process.mjs"]) copy(path.join("scripts", script));
fs.mkdirSync(path.join(staging, "node", "bin"), { recursive: true });
fs.copyFileSync(process.execPath, path.join(staging, "node", "bin", "node"));
fs.chmodSync(path.join(staging, "node", "bin", "node"), 0o755);
await bundleOperations();

const node = '"$here/node/bin/node"';
// The commands act on the data folder `./start` uses; better-sqlite3 is the standalone server's
// copy, which NODE_PATH lets the bundled commands require.
const environment = 'DATA_DIR="${DATA_DIR:-$here/data}" MIGRATIONS_DIR="$here/db/migrations" NODE_PATH="$here/.next/standalone/node_modules"';
launcher("start", { comment: "Serves Boardflow (README.md: PORT, HOST, DATA_DIR, …).", line: `exec ${node} "$here/scripts/start.mjs"` });
launcher("backup", { comment: "./backup <file>: an online backup of the data folder.", line: `${environment} exec ${node} "$here/scripts/backup.cjs" "$@"` });
launcher("restore", { comment: "./restore <file> [--replace]: restores a backup while the server is stopped.", line: `${environment} exec ${node} "$here/scripts/restore.cjs" "$@"` });
fs.writeFileSync(path.join(staging, "README.md"), readmeExcerpt());

const archive = path.join(outDir, `${name}.tar.gz`);
await tar.create({ gzip: true, file: archive, cwd: outDir, portable: true }, [name]);
fs.rmSync(staging, { recursive: true, force: true });
console.log(`${archive} (${(fs.statSync(archive).size / 1024 / 1024).toFixed(0)} MB)`);
