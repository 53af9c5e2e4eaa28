// Statements on the path of every run and every event are prepared once per database handle:
// building and preparing them again each time cost more than executing them (measured).
import type { Db } from "@/db/client";

/** `prepare(db)` once per handle; later calls with the same handle return what it made. */
export function preparedPerHandle<T>(prepare: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let statements = prepared.get(db);
    if (statements === undefined) {
      statements = prepare(db);
      prepared.set(db, statements);
    }
    return statements;
  };
}
