// Builds (when the sources changed) and spawns the Next.js standalone server. Used by `npm start`
// and by the tests, so both run the server the same way.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standaloneDir = path.join(root, ".next", "standalone");
const serverFile = path.join(standaloneDir, "server.js");
const SOURCES = ["app", "components", "lib", "db", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "instrumentation.ts", "instrumentation-node.ts"];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function needsBuild() {
  // A release (npm run release) carries the built server and no sources to build from.
  if (!fs.existsSync(path.join(root, "app"))) return false;
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(serverFile) || !fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestMtime(entry) > builtAt);
}

/** `next build`, then the static files the standalone server does not copy by itself. */
export function build() {
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  fs.cpSync(path.join(root, ".next", "static"), path.join(standaloneDir, ".next", "static"), { recursive: true });
  if (fs.existsSync(path.join(root, "public"))) {
    fs.cpSync(path.join(root, "public"), path.join(standaloneDir, "public"), { recursive: true });
  }
}

/**
 * Starts the built server. `dataDir` is made absolute: the standalone server changes directory,
 * and a relative path would land inside `.next` and be wiped by the next build.
 */
export function resolveDataDir(dataDir) {
  return path.resolve(dataDir ?? process.env.DATA_DIR ?? path.join(root, "data"));
}

export function spawnServer({ port = 3000, host = "0.0.0.0", dataDir, env = {}, stdio = "inherit" } = {}) {
  if (!fs.existsSync(serverFile)) throw new Error("The app is not built: run `npm run build` first.");
  const absoluteDataDir = resolveDataDir(dataDir);
  fs.mkdirSync(absoluteDataDir, { recursive: true });
  // V8 grows its heap lazily up to a large share of the machine's memory; a bounded heap and a
  // smaller young generation keep the server's memory near what it really uses (SPEC §8: RSS).
  const heapMb = Number(env.MAX_HEAP_MB ?? process.env.MAX_HEAP_MB ?? 256);
  return spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--max-semi-space-size=8", serverFile], {
    cwd: standaloneDir,
    stdio,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // SIGTERM is handled by lib/shutdown.ts, which gives runs back before exiting.
      NEXT_MANUAL_SIG_HANDLE: "true",
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      MIGRATIONS_DIR: path.join(root, "db", "migrations"),
      ...env,
      PORT: String(port),
      HOSTNAME: host,
      DATA_DIR: absoluteDataDir,
    },
  });
}
