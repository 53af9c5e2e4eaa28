// Small writes that arrive together share one commit (a "group commit"). Most of a small write's
// cost is its commit, which writes every page it touched to the WAL: one webhook run touches the
// runs table, its indexes, the search index and two counters (17 pages, measured), and the next
// request touches the same pages again. So a write handed to `inGroupCommit` waits for the end of
// this turn of the event loop; then every write handed in meanwhile runs in one transaction, each
// in its own savepoint. A write refused with an AppError is rolled back alone and its caller gets
// the error; any other error fails the whole group. Promises settle after the commit, so nothing
// is answered before it is stored.
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";

type Pending = { write: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

let pending: Pending[] = [];

function commitGroup(): void {
  const group = pending;
  pending = [];
  let outcomes: Outcome[];
  try {
    outcomes = getDb().transaction(
      () =>
        group.map(({ write }): Outcome => {
          try {
            // Nested in the group's transaction, this is a savepoint.
            return { ok: true, value: getDb().transaction(write) };
          } catch (error) {
            if (error instanceof AppError) return { ok: false, error };
            throw error;
          }
        }),
      { behavior: "immediate" },
    );
  } catch (error) {
    for (const { reject } of group) reject(error);
    return;
  }
  group.forEach(({ resolve, reject }, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) resolve(outcome.value);
    else reject(outcome.error);
  });
}

/** Runs `write` in the transaction shared by the writes of this turn of the event loop; settles after its commit. */
export function inGroupCommit<T>(write: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (pending.length === 0) setImmediate(commitGroup);
    pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
  });
}
