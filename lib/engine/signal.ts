// How writers tell the workers of this process that runs were queued, so they start at once
// instead of at their next poll.
import { processSignal } from "@/lib/process-signal";

const runsQueued = processSignal("runs-queued");

export const onRunsQueued = runsQueued.on;

/** Called inside the queueing transaction: listeners only schedule work, after it commits. */
export const notifyRunsQueued = runsQueued.notify;
