// What pages and other services read about a Development integration: its row, its parsed
// definition, and the names and icons of what it uses. Another account's ID is "not found".
import { findIntegrationRow } from "@/db/queries/integrations";
import type { Integration, IntegrationState } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { getConnector } from "@/lib/connectors/registry";
import { connectorKeysOf, definitionSchema, EMPTY_DEFINITION, type IntegrationDefinition } from "@/lib/integrations/definition";
import { NotFoundError } from "@/lib/errors";

export type ConnectorBadge = { key: string; name: string; icon: string };

export type IntegrationView = {
  id: string;
  appId: string;
  name: string;
  state: IntegrationState;
  /** The Development switch: whether Development events run it. */
  enabled: boolean;
  /** Why the product turned it off (auto-off…); null when a person did, or it is on. */
  offReason: string | null;
  /** The open catch-up window (change IDs; see catch-up.ts). */
  catchUpFromChangeId: number | null;
  catchUpToChangeId: number | null;
  definition: IntegrationDefinition;
  /** The trigger's connector and event name, for lists; null while no trigger is chosen. */
  trigger: (ConnectorBadge & { triggerName: string }) | null;
  /** Every connector used, trigger first, without repeats. */
  connectors: ConnectorBadge[];
  createdBy: string;
  createdAt: number;
  updatedAt: number;
};

/** The stored definition; a row that no longer parses (never written by this code) reads as empty. */
export function storedDefinition(row: Pick<Integration, "id" | "definition">): IntegrationDefinition {
  const parsed = definitionSchema.safeParse(row.definition);
  if (parsed.success) return parsed.data;
  console.warn(JSON.stringify({ message: "An integration's stored definition does not parse", integration: row.id }));
  return EMPTY_DEFINITION;
}

function badge(key: string): ConnectorBadge {
  const connector = getConnector(key);
  return { key, name: connector?.name ?? key, icon: connector?.icon ?? "" };
}

export function toIntegrationView(row: Integration): IntegrationView {
  const definition = storedDefinition(row);
  const trigger = definition.trigger;
  const triggerName = trigger ? (getConnector(trigger.connectorKey)?.triggers.find((t) => t.key === trigger.triggerKey)?.name ?? trigger.triggerKey) : "";
  return {
    id: row.id,
    appId: row.appId,
    name: row.name,
    state: row.state,
    enabled: row.enabled,
    offReason: row.enabled ? null : row.offReason,
    catchUpFromChangeId: row.catchUpFromChangeId,
    catchUpToChangeId: row.catchUpToChangeId,
    definition,
    trigger: trigger ? { ...badge(trigger.connectorKey), triggerName } : null,
    connectors: connectorKeysOf(definition).map(badge),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The integration's row if it belongs to an app of the actor's account. */
export function integrationOfAccount(actor: Pick<Actor, "accountId">, integrationId: string): Integration {
  const row = findIntegrationRow(actor.accountId, integrationId);
  if (!row) throw new NotFoundError("The integration");
  return row;
}
