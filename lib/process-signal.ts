// A named in-process signal: services notify, long-lived parts of the server (the engine's
// workers, the scheduler) listen. Kept on globalThis because route handlers and instrumentation
// are separate bundles that must share one set of listeners. A process without listeners
// (a CLI, a unit test) ignores it.
type Listener = () => void;

const globalForSignals = globalThis as unknown as { __processSignals?: Map<string, Set<Listener>> };

export function processSignal(name: string) {
  const signals = (globalForSignals.__processSignals ??= new Map());
  let listeners = signals.get(name);
  if (!listeners) {
    listeners = new Set();
    signals.set(name, listeners);
  }
  const registered = listeners;
  return {
    on(listener: Listener): () => void {
      registered.add(listener);
      return () => registered.delete(listener);
    },
    notify(): void {
      for (const listener of registered) listener();
    },
  };
}
