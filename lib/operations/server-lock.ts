// One server per data folder (SPEC §10: one process, one data folder). A starting server creates
// `<data>/server.pid` exclusively and removes it when it exits; a second server finds it held by a
// live process and stops with the reason, and a restore refuses to replace the database under it.
// A server killed with SIGKILL leaves its file behind: one whose process is gone is taken over.
import fs from "node:fs";
import path from "node:path";
import { processIsAlive } from "@/lib/processes";

export type ServerLock = { pid: number; port: number; startedAt: string };

/** Another server runs on the data folder. */
export class DataFolderInUseError extends Error {
  constructor(dataDir: string, holder: ServerLock) {
    super(`Boardflow is already running on ${dataDir} (process ${holder.pid}, port ${holder.port}): stop it first, or set DATA_DIR to another folder.`);
    this.name = "DataFolderInUseError";
  }
}

const lockFile = (dataDir: string) => path.join(/*turbopackIgnore: true*/ dataDir, "server.pid");

function readLock(file: string): ServerLock | null {
  try {
    return JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as ServerLock;
  } catch {
    // Gone, or being written this instant by its holder.
    return null;
  }
}

/** The server running on the data folder, if one does. */
export function serverOnDataFolder(dataDir: string): ServerLock | null {
  const holder = readLock(lockFile(dataDir));
  return holder && processIsAlive(holder.pid) ? holder : null;
}

export function lockDataFolder(dataDir: string, port: number): void {
  const file = lockFile(dataDir);
  const entry: ServerLock = { pid: process.pid, port, startedAt: new Date().toISOString() };
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(entry), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(file);
    if (holder && processIsAlive(holder.pid)) throw new DataFolderInUseError(dataDir, holder);
    // A dead server's file is taken over; an unreadable one is given a moment to be written.
    if (holder || attempt > 20) fs.rmSync(file, { force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  process.once("exit", () => {
    if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  });
}
