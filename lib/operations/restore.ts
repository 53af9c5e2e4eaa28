// `npm run restore`: puts a backup made by `npm run backup` in place of the data folder. Everything
// is checked before anything in the data folder changes: no server runs on it, the archive is
// whole and ours, its database passes SQLite's integrity check and is not from a newer version,
// and the encryption key the server will use opens its credentials. A data folder that holds a
// database is only replaced when asked, and its files are moved aside, never deleted.
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";
import { databasePath, openWithoutMigrating } from "@/db/client";
import { dataDir } from "@/lib/config";
import { keyOpensDatabase, parseEncryptionKey } from "@/lib/connections/secrets";
import { BACKUP_ENTRIES, BACKUP_FORMAT, type BackupManifest } from "@/lib/operations/backup";
import { OperationError } from "@/lib/operations/operation-error";
import { serverOnDataFolder } from "@/lib/operations/server-lock";
import { newestKnownMigration } from "@/db/migrations-state";

export type RestoreResult = { dataDir: string; manifest: BackupManifest; movedAsideTo: string | null };

const DATABASE_FILES = ["", "-wal", "-shm"];

async function unpack(archive: string, into: string): Promise<BackupManifest> {
  const allowed = new Set<string>(Object.values(BACKUP_ENTRIES));
  try {
    await tar.extract({ file: archive, cwd: into, strict: true, filter: (entry) => allowed.has(entry) });
  } catch (error) {
    throw new OperationError(`${archive} is not a Boardflow backup, or it is incomplete (${(error as Error).message}). Nothing was changed.`);
  }
  const manifestFile = path.join(into, BACKUP_ENTRIES.manifest);
  const manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Partial<BackupManifest>) : null;
  if (manifest?.format !== BACKUP_FORMAT || !fs.existsSync(path.join(into, BACKUP_ENTRIES.database))) {
    throw new OperationError(`${archive} is not a Boardflow backup (made by \`npm run backup\`). Nothing was changed.`);
  }
  return manifest as BackupManifest;
}

/** The key material the server will start with: the environment's, else the backup's secrets.json. */
function keyMaterialFor(unpacked: string): { material: string; from: string } {
  if (process.env.APP_ENCRYPTION_KEY) return { material: process.env.APP_ENCRYPTION_KEY, from: "APP_ENCRYPTION_KEY" };
  const secrets = path.join(unpacked, BACKUP_ENTRIES.secrets);
  if (!fs.existsSync(secrets)) {
    throw new OperationError("This backup does not hold the encryption key (APP_ENCRYPTION_KEY was set when it was taken): set APP_ENCRYPTION_KEY to that key and restore again. Nothing was changed.");
  }
  return { material: (JSON.parse(fs.readFileSync(secrets, "utf8")) as { encryptionKey: string }).encryptionKey, from: "the backup's secrets.json" };
}

function checkDatabase(unpacked: string, archive: string): void {
  const snapshot = openWithoutMigrating(path.join(unpacked, BACKUP_ENTRIES.database), { readonly: true });
  try {
    const integrity = snapshot.sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new OperationError(`The database in ${archive} is damaged (${String(integrity)}). Nothing was changed.`);
    const { material, from } = keyMaterialFor(unpacked);
    if (!keyOpensDatabase(parseEncryptionKey(material), snapshot.db)) {
      throw new OperationError(`The encryption key from ${from} is not the one this backup's credentials were encrypted with: set APP_ENCRYPTION_KEY to the key of the data folder the backup was taken from. Nothing was changed.`);
    }
  } finally {
    snapshot.sqlite.close();
  }
}

/** Moves the data folder's database and secrets into `replaced-<time>/`; returns that folder. */
function moveAside(database: string, secrets: string): string {
  const aside = path.join(dataDir(), `replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  fs.mkdirSync(aside);
  for (const file of [...DATABASE_FILES.map((suffix) => database + suffix), secrets]) {
    if (fs.existsSync(file)) fs.renameSync(file, path.join(aside, path.basename(file)));
  }
  return aside;
}

export async function restoreDataFolder(archive: string, { replace = false } = {}): Promise<RestoreResult> {
  const file = path.resolve(archive);
  const target = dataDir();
  const database = databasePath();
  const secrets = path.join(target, BACKUP_ENTRIES.secrets);
  if (!fs.existsSync(file)) throw new OperationError(`There is no file ${file}.`);
  const server = serverOnDataFolder(target);
  if (server) throw new OperationError(`The server (process ${server.pid}) is running on ${target}: stop it, then restore. Nothing was changed.`);
  if (fs.existsSync(database) && !replace) {
    throw new OperationError(`${target} already holds a database. Restore into an empty folder (set DATA_DIR), or add --replace to move the current data aside first. Nothing was changed.`);
  }

  // Unpacked beside the data folder, so moving the files in is a rename on the same disk.
  const unpacked = fs.mkdtempSync(path.join(path.dirname(target), ".boardflow-restore-"));
  try {
    const manifest = await unpack(file, unpacked);
    if (manifest.newestMigration !== null && manifest.newestMigration > newestKnownMigration()) {
      throw new OperationError("This backup was taken by a newer version of Boardflow: upgrade this installation first, then restore. Nothing was changed.");
    }
    checkDatabase(unpacked, file);
    const movedAsideTo = fs.existsSync(database) ? moveAside(database, secrets) : null;
    for (const folder of [target, path.dirname(database)]) fs.mkdirSync(folder, { recursive: true });
    fs.renameSync(path.join(unpacked, BACKUP_ENTRIES.database), database);
    if (manifest.secretsIncluded) fs.renameSync(path.join(unpacked, BACKUP_ENTRIES.secrets), secrets);
    return { dataDir: target, manifest, movedAsideTo };
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}
