// Which server processes run on a data folder. Each server writes `<data>/run/<pid>.json` when it
// starts and removes it when it exits, so a restore can refuse to replace the database under a
// live server. A server killed with SIGKILL leaves its file behind: a file whose process is gone
// is stale and removed by the next reader.
import fs from "node:fs";
import path from "node:path";
import { processIsAlive } from "@/lib/processes";

export type RunningServer = { pid: number; port: number; startedAt: string };

function folderOf(dataDir: string): string {
  return path.join(/*turbopackIgnore: true*/ dataDir, "run");
}

export function registerServerProcess(dataDir: string, port: number): void {
  const folder = folderOf(dataDir);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${process.pid}.json`);
  const entry: RunningServer = { pid: process.pid, port, startedAt: new Date().toISOString() };
  fs.writeFileSync(file, JSON.stringify(entry));
  process.once("exit", () => fs.rmSync(file, { force: true }));
}

export function runningServers(dataDir: string): RunningServer[] {
  const folder = folderOf(dataDir);
  if (!fs.existsSync(folder)) return [];
  const running: RunningServer[] = [];
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    const pid = Number.parseInt(name, 10);
    if (!name.endsWith(".json") || !Number.isInteger(pid)) continue;
    if (!processIsAlive(pid)) fs.rmSync(file, { force: true });
    else if (pid !== process.pid) running.push(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as RunningServer);
  }
  return running;
}
