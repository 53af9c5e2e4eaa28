import type { ChildProcess, StdioOptions } from "node:child_process";

export const root: string;
export function needsBuild(): boolean;
export function build(): void;
export function spawnServer(options?: {
  port?: number;
  host?: string;
  dataDir?: string;
  env?: Record<string, string>;
  stdio?: StdioOptions;
}): ChildProcess;
export function resolveDataDir(dataDir?: string): string;
