// What a list shows about an integration's trigger beyond its name: the webhook address of a
// Catch webhook trigger, and the last error of a polling trigger (until a poll succeeds again).
import { findTriggerPoll } from "@/db/queries/triggers";
import type { EnvironmentKind } from "@/db/schema";
import { getConnector } from "@/lib/connectors/registry";
import { definitionSchema } from "@/lib/integrations/definition";
import { webhookAddress } from "@/lib/webhooks/token";

export type TriggerStatus = {
  /** Where senders POST, for a Catch webhook trigger. */
  webhookAddress: string | null;
  lastPollError: { message: string; at: number } | null;
};

export function triggerStatusOf(kind: EnvironmentKind, environmentId: string, integration: { id: string; definition: unknown }): TriggerStatus {
  const trigger = definitionSchema.safeParse(integration.definition).data?.trigger;
  const type = trigger ? getConnector(trigger.connectorKey)?.triggers.find((t) => t.key === trigger.triggerKey)?.type : undefined;
  const poll = type === "polling" ? findTriggerPoll(integration.id, environmentId) : undefined;
  return {
    webhookAddress: type === "webhook" ? webhookAddress(integration.id, kind) : null,
    lastPollError: poll?.lastError ? { message: poll.lastError, at: poll.lastErrorAt ?? poll.lastPolledAt } : null,
  };
}
