// How services tell the scheduler of this process that integrations changed (turned on or off,
// deployed, archived, a Development definition saved), so schedule triggers follow at once
// instead of at the next minute's re-sync. A process without a scheduler ignores it.
type Listener = () => void;

const globalForSignal = globalThis as unknown as { __integrationsChangedListeners?: Set<Listener> };
const listeners = (globalForSignal.__integrationsChangedListeners ??= new Set());

export function onIntegrationsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call after the change is committed; listeners only schedule their re-sync. */
export function notifyIntegrationsChanged(): void {
  for (const listener of listeners) listener();
}
