// `npm run restore -- <file> [--replace]`: puts a backup in place of the data folder (DATA_DIR,
// default ./data) while no server runs on it. See lib/operations/restore.ts.
import { parseArgs } from "node:util";
import { restoreDataFolder } from "@/lib/operations/restore";
import { runOperation } from "./operation";

void runOperation("npm run restore -- <file> [--replace]", async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { replace: { type: "boolean", default: false } } });
  if (positionals.length !== 1) return null;
  const { dataDir, manifest, movedAsideTo } = await restoreDataFolder(positionals[0], { replace: values.replace });
  return [
    `Restored the backup of ${manifest.createdAt} (${manifest.runs.toLocaleString("en-US")} runs) into ${dataDir}.`,
    ...(movedAsideTo ? [`The data it replaced is in ${movedAsideTo}.`] : []),
    "Start the server to use it.",
  ];
});
