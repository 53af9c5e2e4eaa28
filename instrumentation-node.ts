// Server start-up: request timing (a log line per request at LOG_LEVEL=debug), then check that
// the encryption key is readable (first: a damaged key file stops the start before the database
// is opened) and is the one this data folder's credentials were encrypted with, that the
// generated secrets exist, open and migrate the database, then start the run engine's workers
// and the scheduler, which SIGTERM stops gracefully. Any failure stops the process with the
// reason: Next.js would otherwise log it and keep serving 500s.
import { getHandle } from "@/db/client";
import { SchemaVersionError } from "@/db/migrate";
import { authSecret, dataDir } from "@/lib/config";
import { assertEncryptionKeyMatches, EncryptionKeyError } from "@/lib/connections/secrets";
import { startEngine } from "@/lib/engine/engine";
import { LogConfigError } from "@/lib/log";
import { startRequestTiming } from "@/lib/observability/request-timing";
import { DataFolderInUseError, lockDataFolder } from "@/lib/operations/server-lock";
import { SchedulerConfigError } from "@/lib/scheduler/config";
import { startScheduler } from "@/lib/scheduler/scheduler";
import { stopGracefullyOnSignals } from "@/lib/shutdown";

try {
  startRequestTiming();
  lockDataFolder(dataDir(), Number(process.env.PORT || 3000));
  assertEncryptionKeyMatches();
  authSecret();
  const handle = getHandle();
  console.log(`Data folder ${dataDir()}; database ${handle.path} migrated.`);
  startEngine();
  startScheduler();
  stopGracefullyOnSignals();
} catch (error) {
  // A wrong key, interval, log level or database version, or a second server on the data, is a mistake a person fixes: its message says everything, a stack trace would not help.
  const explained = [EncryptionKeyError, SchedulerConfigError, LogConfigError, SchemaVersionError, DataFolderInUseError].some((kind) => error instanceof kind);
  console.error(explained ? `Cannot start: ${(error as Error).message}` : error);
  process.exit(1);
}
