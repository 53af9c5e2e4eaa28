// How writers tell the workers of this process that runs were queued, so they start at once
// instead of at their next poll. A process without workers (a CLI, a unit test) ignores it.
type Listener = () => void;

const globalForSignal = globalThis as unknown as { __runsQueuedListeners?: Set<Listener> };
const listeners = (globalForSignal.__runsQueuedListeners ??= new Set());

export function onRunsQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called inside the queueing transaction: listeners only schedule work, after it commits. */
export function notifyRunsQueued(): void {
  for (const listener of listeners) listener();
}
