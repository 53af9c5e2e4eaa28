// Instance-wide settings (one key, one text value): the encryption key's check marker, the last
// backup. Each takes the database handle it reads, so a backup being restored can be read before
// it becomes the app's database.
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { instanceSettings } from "@/db/schema";

/**
 * The encryption key's check marker (lib/connections/secrets.ts), written by the first start: once
 * it exists, credentials may have been encrypted with the data folder's key.
 */
export const ENCRYPTION_KEY_CHECK_SETTING = "encryption_key_check";

export function readInstanceSetting(key: string, db: Db = getDb()): string | undefined {
  return db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, key)).get()?.value;
}

/** Writes the value unless the key has one already (two processes starting together keep the first). */
export function insertInstanceSettingOnce(key: string, value: string, db: Db = getDb()): void {
  db.insert(instanceSettings).values({ key, value, updatedAt: Date.now() }).onConflictDoNothing().run();
}

export function writeInstanceSetting(key: string, value: string, db: Db = getDb()): void {
  db.insert(instanceSettings)
    .values({ key, value, updatedAt: Date.now() })
    .onConflictDoUpdate({ target: instanceSettings.key, set: { value, updatedAt: Date.now() } })
    .run();
}
