// `npm run backup`: an online backup of the data folder into one .tar.gz while the server keeps
// writing. The database is copied with SQLite's backup API (a consistent snapshot: a file copy of
// a WAL database under writes is not), the generated secrets go beside it, and a manifest says
// what the archive holds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import * as tar from "tar";
import { databasePath, openWithoutMigrating } from "@/db/client";
import { runs } from "@/db/schema";
import { dataDir } from "@/lib/config";
import { recordBackup } from "@/lib/operations/last-backup";
import { OperationError } from "@/lib/operations/operation-error";
import { newestAppliedMigration } from "@/db/migrations-state";

export const BACKUP_FORMAT = "boardflow-backup";
export const BACKUP_ENTRIES = { manifest: "backup.json", database: "app.db", secrets: "secrets.json" } as const;

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  newestMigration: number | null;
  runs: number;
  /** Whether secrets.json is in the archive; false when the keys come from the environment. */
  secretsIncluded: boolean;
};

export type BackupResult = { file: string; bytes: number; manifest: BackupManifest; notes: string[] };

/** What a person must keep beside the archive: the keys the environment sets are not in it. */
function keysKeptElsewhere(): string[] {
  const notes: string[] = [];
  if (process.env.APP_ENCRYPTION_KEY) notes.push("The encryption key comes from APP_ENCRYPTION_KEY and is not in the backup: keep it separately, or the restored connections cannot be decrypted.");
  if (process.env.NEXTAUTH_SECRET) notes.push("The session secret comes from NEXTAUTH_SECRET and is not in the backup: keep it separately (without it, people sign in again).");
  return notes;
}

export async function backupDataFolder(target: string): Promise<BackupResult> {
  const file = path.resolve(target);
  const source = databasePath();
  if (!fs.existsSync(source)) throw new OperationError(`There is no database at ${source} to back up: check DATA_DIR.`);
  if (!fs.existsSync(path.dirname(file))) throw new OperationError(`The folder ${path.dirname(file)} does not exist: create it or choose another file.`);

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-backup-"));
  const live = openWithoutMigrating(source);
  try {
    const copy = path.join(staging, BACKUP_ENTRIES.database);
    // After the first step, copy the rest in one: a step restarts when the server writes between
    // steps, and one long read transaction does not block the server's writes in WAL mode.
    await live.sqlite.backup(copy, { progress: ({ remainingPages }) => remainingPages });
    const snapshot = openWithoutMigrating(copy, { readonly: true });
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      newestMigration: newestAppliedMigration(snapshot.db),
      runs: snapshot.db.select({ n: count() }).from(runs).get()!.n,
      secretsIncluded: false,
    };
    snapshot.sqlite.close();

    const entries: string[] = [BACKUP_ENTRIES.manifest, BACKUP_ENTRIES.database];
    const secrets = path.join(dataDir(), BACKUP_ENTRIES.secrets);
    if (fs.existsSync(secrets)) {
      fs.copyFileSync(secrets, path.join(staging, BACKUP_ENTRIES.secrets));
      entries.push(BACKUP_ENTRIES.secrets);
      manifest.secretsIncluded = true;
    }
    fs.writeFileSync(path.join(staging, BACKUP_ENTRIES.manifest), JSON.stringify(manifest, null, 2));
    // Written beside the target and renamed: an interrupted backup never leaves a half archive under the name.
    const partial = `${file}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);

    const bytes = fs.statSync(file).size;
    recordBackup({ at: manifest.createdAt, file, bytes }, live.db);
    return { file, bytes, manifest, notes: keysKeptElsewhere() };
  } finally {
    live.sqlite.close();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
