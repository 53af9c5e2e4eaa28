// `npm run backup -- <file>`: an online backup of the data folder (DATA_DIR, default ./data) into
// one .tar.gz, safe while the server runs. See lib/operations/backup.ts.
import { parseArgs } from "node:util";
import { fileSize } from "@/lib/file-size";
import { backupDataFolder } from "@/lib/operations/backup";
import { runOperation } from "./operation";

void runOperation("npm run backup -- <file>", async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) return null;
  const { file, bytes, manifest, notes } = await backupDataFolder(positionals[0]);
  return [`Backed up ${manifest.runs.toLocaleString("en-US")} runs to ${file} (${fileSize(bytes)}).`, ...notes];
});
