// What the benchmarks run against, built through the services: an account, an app with an
// "Orders" board, a Development access key, and Development integrations switched on.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { integrations } from "@/db/schema";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { createAccount } from "@/lib/accounts/create-account";
import { createApp } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import { addField, createBoard } from "@/lib/boards/boards";
import { createConnection } from "@/lib/connections/create-connection";
import { environmentOf } from "@/lib/environments";
import type { IntegrationDefinition } from "@/lib/integrations/definition";
import { createIntegration, saveDefinition } from "@/lib/integrations/integrations";

export const FORMATTER_STEP: IntegrationDefinition["steps"][number] = {
  id: "shout",
  name: "Shout the name",
  connectorKey: "utilities",
  actionKey: "formatter",
  connectionId: null,
  input: { operation: "text_upper", value: "{{trigger.values.name}}" },
};

export async function benchAccount() {
  const { accountId, userId } = await createAccount({ companyName: "Bench", name: "Bea Bench", email: `bench-${crypto.randomUUID()}@example.com`, password: "correct horse battery" });
  const admin: Actor = { userId, accountId, role: "admin", label: `user:${userId}` };
  const app = createApp(admin, { name: "Bench" });
  const board = createBoard(admin, app.id, { name: "Orders" });
  addField(admin, board.id, { label: "Name", type: "text", required: true });
  const kissflow = createConnection(admin, { name: "Kissflow dev", connectorKey: "kissflow", environment: "development" });
  const key = createAccessKey(admin, "development", { name: "bench" });
  return { admin, accountId, app, board, kissflow, key, dev: environmentOf(accountId, "development") };
}

export type BenchAccount = Awaited<ReturnType<typeof benchAccount>>;

/** A Development integration with this definition, switched on. */
export function onIntegration(b: BenchAccount, name: string, definition: IntegrationDefinition) {
  const integration = createIntegration(b.admin, b.app.id, { name });
  saveDefinition(b.admin, integration.id, definition);
  getDb().update(integrations).set({ enabled: true }).where(eq(integrations.id, integration.id)).run();
  return integration;
}

/** New item in Orders → Formatter. */
export function itemToFormatter(b: BenchAccount): IntegrationDefinition {
  return { trigger: { connectorKey: "kissflow", triggerKey: "new_item", connectionId: b.kissflow.id, options: { boardId: b.board.id } }, steps: [FORMATTER_STEP] };
}

/** Catch webhook → Formatter (of the body's `name`). */
export function webhookToFormatter(): IntegrationDefinition {
  return { trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: null, options: {} }, steps: [{ ...FORMATTER_STEP, input: { operation: "text_upper", value: "{{trigger.body.name}}" } }] };
}

/** Every minute (UTC) → Formatter (of the tick's time). */
export function scheduleToFormatter(): IntegrationDefinition {
  return {
    trigger: { connectorKey: "schedule", triggerKey: "schedule", connectionId: null, options: { mode: "every_n_minutes", minutes: 1, timeZone: "UTC" } },
    steps: [{ ...FORMATTER_STEP, input: { operation: "text_upper", value: "{{trigger.scheduledAt}}" } }],
  };
}
