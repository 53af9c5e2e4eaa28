// Connection health (SPEC §9.3): the scheduler tests every authenticated connection whose last
// test is older than the interval, a few at a time, exactly as Test connection does (the status
// and the reason of a failure are recorded). Connections that need reauthentication are left to
// a person: a test cannot fix them, and a pass on old credentials would hide that they must be
// authenticated again after a deployment.
import { and, asc, eq, isNotNull, isNull, lt, ne, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, environments } from "@/db/schema";
import { testStoredConnection } from "@/lib/connections/test-connection";

const CONCURRENCY = 2;

export type HealthReport = { tested: number; failed: { connectionId: string; message: string }[] };

function dueForTest(testedBefore: number) {
  return getDb()
    .select({ connection: connections, environment: environments })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(and(isNotNull(connections.credentials), ne(connections.status, "reauthentication_required"), or(isNull(connections.lastTestedAt), lt(connections.lastTestedAt, testedBefore))))
    .orderBy(asc(connections.lastTestedAt))
    .all();
}

/** Tests the connections not tested within `intervalMs`, oldest test first, `CONCURRENCY` at a time. */
export async function testConnectionsDue(intervalMs: number, now = Date.now()): Promise<HealthReport> {
  const queue = dueForTest(now - intervalMs);
  const report: HealthReport = { tested: 0, failed: [] };
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const outcome = await testStoredConnection(next.connection, next.environment);
        report.tested += 1;
        if (outcome.ok === false) report.failed.push({ connectionId: next.connection.id, message: outcome.message });
      } catch (error) {
        // testStoredConnection reports failed tests; what it throws is a broken row: log the kind only.
        console.error(`The scheduled test of connection ${next.connection.id} threw ${(error as Error)?.name ?? "an error"}.`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return report;
}
