// A graceful stop on SIGTERM or SIGINT (SPEC §10): the scheduler stops, the engine stops claiming
// runs and lets those executing finish for up to SHUTDOWN_GRACE_SECONDS, then gives back the leases of
// any still executing, so the next start takes them up at once; the database closes and the
// process exits. Next.js's own handler would exit as soon as its HTTP requests are done, before
// runs are given back: scripts/server-process.mjs turns it off (NEXT_MANUAL_SIG_HANDLE).
import { closeDb } from "@/db/client";
import { stopEngine } from "@/lib/engine/engine";
import { stopScheduler } from "@/lib/scheduler/scheduler";

const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

export function stopGracefullyOnSignals(): void {
  let stopping = false;
  const stop = async (signal: keyof typeof EXIT_CODES) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing the runs in progress, then stopping.`);
    try {
      await stopScheduler();
      await stopEngine();
    } catch (error) {
      console.error(JSON.stringify({ message: "Stopping gracefully failed; runs left are taken up when their leases expire", error: (error as Error).message }));
    } finally {
      closeDb();
      process.exit(EXIT_CODES[signal]);
    }
  };
  for (const signal of Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]) process.once(signal, () => void stop(signal));
}
