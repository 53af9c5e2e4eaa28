// Integrations that run: Development integrations switched on, and an engine started in this
// process with short leases and retries, so tests see claims, retries and recoveries quickly.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { stepsOfRun } from "@/db/queries/runs";
import { integrations, runs, type Run } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createEngine, type Engine } from "@/lib/engine/engine";
import type { EngineSettings } from "@/lib/engine/settings";
import type { IntegrationDefinition } from "@/lib/integrations/definition";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";

export const FAST_ENGINE: EngineSettings = { concurrency: 8, leaseMs: 2000, maxAttempts: 3, retryBaseMs: 20, pollMs: 50, stepTimeoutMs: 10_000, shutdownGraceMs: 2000 };

export function startTestEngine(settings: Partial<EngineSettings> = {}): Engine {
  return createEngine({ ...FAST_ENGINE, ...settings });
}

let counter = 0;

/** A Development integration with this definition, switched on. */
export function onIntegration(actor: Actor, appId: string, definition: IntegrationDefinition, name = `Runs ${++counter}`) {
  const integration = createIntegration(actor, appId, { name });
  saveDefinition(actor, integration.id, definition);
  getDb().update(integrations).set({ enabled: true }).where(eq(integrations.id, integration.id)).run();
  return integration;
}

export function runsOf(integrationId: string): Run[] {
  return getDb().select().from(runs).where(eq(runs.integrationId, integrationId)).orderBy(runs.id).all();
}

export function stepsOf(runId: number) {
  return stepsOfRun(runId);
}

/** Waits until `check` passes (the engine works in the background), or fails with its last error. */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
