// Auto-off (SPEC §9.5): an integration whose last 20 runs all failed is turned off, with the
// reason shown on its list and written to the audit log, so a broken integration stops piling
// up failures (and calls to a system that refuses them) until someone looks.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { lastFinishedStatuses } from "@/db/queries/runs";
import { integrations, productionIntegrations, type Run } from "@/db/schema";
import { recordSwitch } from "@/lib/audit/audit-log";
import { environmentById } from "@/lib/environments";
import { notifyIntegrationsChanged } from "@/lib/scheduler/signal";

export const AUTO_OFF_AFTER_FAILED_RUNS = 20;

/** Checks each integration that just had a failed run; returns the IDs it turned off. */
export function turnOffRepeatedlyFailing(failedRuns: Pick<Run, "integrationId" | "environmentId" | "appId" | "error">[]): string[] {
  const turnedOff: string[] = [];
  const seen = new Set<string>();
  for (const run of failedRuns) {
    const key = `${run.environmentId}:${run.integrationId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const statuses = lastFinishedStatuses(run.integrationId, run.environmentId, AUTO_OFF_AFTER_FAILED_RUNS);
    if (statuses.length < AUTO_OFF_AFTER_FAILED_RUNS || statuses.some((status) => status !== "failed")) continue;
    const env = environmentById(run.environmentId);
    if (!env) continue;
    const reason = `Turned off automatically: its last ${AUTO_OFF_AFTER_FAILED_RUNS} runs failed. Last error: ${run.error ?? "unknown"}`;
    const now = Date.now();
    const changed = getDb().transaction((tx) => {
      const table = env.kind === "production" ? productionIntegrations : integrations;
      const result =
        env.kind === "production"
          ? tx.update(productionIntegrations).set({ enabled: false, offReason: reason, switchedAt: now, switchedBy: null, updatedAt: now }).where(and(eq(productionIntegrations.id, run.integrationId), eq(productionIntegrations.enabled, true))).run()
          : tx.update(integrations).set({ enabled: false, offReason: reason }).where(and(eq(integrations.id, run.integrationId), eq(integrations.enabled, true))).run();
      if (result.changes === 0) return false;
      const name = tx.select({ name: table.name }).from(table).where(eq(table.id, run.integrationId)).get()?.name ?? run.integrationId;
      recordSwitch(tx, { accountId: env.accountId, actor: "system" }, { id: run.integrationId, name, appId: run.appId }, false, { environment: env.kind, automatic: true, reason });
      return true;
    });
    if (changed) {
      notifyIntegrationsChanged();
      turnedOff.push(run.integrationId);
      console.warn(JSON.stringify({ message: "Integration turned off automatically", integration: run.integrationId, environment: run.environmentId }));
    }
  }
  return turnedOff;
}
