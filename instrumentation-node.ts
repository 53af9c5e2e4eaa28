// Server start-up: check that the encryption key is readable (first: a damaged key file stops the
// start before the database is opened) and is the one this data folder's credentials were
// encrypted with, that the generated secrets exist, open and migrate the database, then start
// the run engine's workers and the scheduler, which SIGTERM stops gracefully. Any failure stops
// the process with the reason: Next.js would otherwise log it and keep serving 500s.
import { getHandle } from "@/db/client";
import { authSecret, dataDir } from "@/lib/config";
import { assertEncryptionKeyMatches, EncryptionKeyError } from "@/lib/connections/secrets";
import { startEngine } from "@/lib/engine/engine";
import { SchedulerConfigError } from "@/lib/scheduler/config";
import { startScheduler } from "@/lib/scheduler/scheduler";
import { stopGracefullyOnSignals } from "@/lib/shutdown";

try {
  assertEncryptionKeyMatches();
  authSecret();
  const handle = getHandle();
  console.log(`Data folder ${dataDir()}; database ${handle.path} migrated.`);
  startEngine();
  startScheduler();
  stopGracefullyOnSignals();
} catch (error) {
  // A wrong key or interval is a configuration mistake: its message says everything, a stack trace would not help.
  console.error(error instanceof EncryptionKeyError || error instanceof SchedulerConfigError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
}
