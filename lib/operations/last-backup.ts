// When the data folder was last backed up, kept in the database itself for My settings > Backups
// (apart from lib/operations/backup.ts, so the page does not load the archiver).
import { readInstanceSetting, writeInstanceSetting } from "@/db/queries/instance-settings";
import type { Db } from "@/db/client";

const LAST_BACKUP_SETTING = "last_backup";

export type LastBackup = { at: string; file: string; bytes: number };

export function lastBackup(db?: Db): LastBackup | null {
  const value = readInstanceSetting(LAST_BACKUP_SETTING, db);
  return value ? (JSON.parse(value) as LastBackup) : null;
}

export function recordBackup(backup: LastBackup, db?: Db): void {
  writeInstanceSetting(LAST_BACKUP_SETTING, JSON.stringify(backup), db);
}
