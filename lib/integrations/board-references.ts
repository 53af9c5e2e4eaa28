// The boards an integration names by ID: its board trigger's, and each Kissflow step's fixed
// "Board ID". Deploy uses it to stop a Production integration from pointing at a removed board.
import { getConnector } from "@/lib/connectors/registry";
import { boardIdOfTrigger } from "@/lib/integrations/available-data";
import type { IntegrationDefinition } from "@/lib/integrations/definition";

export function boardIdsUsedBy(definition: IntegrationDefinition): Set<string> {
  const ids = new Set<string>();
  const { trigger } = definition;
  const triggerDefinition = trigger ? getConnector(trigger.connectorKey)?.triggers.find((t) => t.key === trigger.triggerKey) : undefined;
  const triggerBoardId = trigger && triggerDefinition ? boardIdOfTrigger(triggerDefinition, trigger) : null;
  if (triggerBoardId !== null) ids.add(triggerBoardId);
  for (const step of definition.steps) {
    const boardId = step.input.boardId;
    if (step.connectorKey === "kissflow" && typeof boardId === "string" && boardId.trim() !== "") ids.add(boardId.trim());
  }
  return ids;
}
