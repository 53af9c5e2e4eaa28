// Gives every test file a fresh data folder (its own SQLite file and generated secrets).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "@/db/client";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-test-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_PATH;

afterAll(() => {
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
