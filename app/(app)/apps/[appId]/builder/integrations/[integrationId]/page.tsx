import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadAppIn } from "@/app/(app)/apps/[appId]/load-app";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { saveDefinitionAction, testIntegrationAction } from "@/app/(app)/apps/[appId]/builder/integrations/actions";
import type { EditorData } from "@/components/integrations/editor-model";
import { IntegrationEditor } from "@/components/integrations/integration-editor";
import { IntegrationStateBadge } from "@/components/integrations/integrations-table";
import { listBoards } from "@/db/queries/apps";
import type { JsonValue } from "@/lib/connectors/framework";
import { listConnections } from "@/lib/connections/connection-view";
import { listConnectors, summarizeConnector } from "@/lib/connectors/registry";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/integrations";
import { webhookAddress } from "@/lib/webhooks/token";

export const metadata: Metadata = { title: "Integration editor" };

type Props = { params: Promise<{ appId: string; integrationId: string }> };

/** A trigger's sample for the picker before its options are set; none when it needs them. */
function sampleOf(sampleOutput: (options: never) => JsonValue): JsonValue | undefined {
  try {
    return sampleOutput({} as never);
  } catch {
    return undefined;
  }
}

export default async function IntegrationEditorPage({ params }: Props) {
  const { appId, integrationId } = await params;
  const { user, app } = await loadAppIn("development", appId);
  let integration;
  try {
    integration = getIntegration(user, integrationId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  if (integration.appId !== app.id) notFound();

  const connectors = listConnectors();
  const triggerSamples: Record<string, JsonValue> = {};
  const actionSamples: Record<string, JsonValue> = {};
  for (const connector of connectors) {
    for (const trigger of connector.triggers) {
      const sample = sampleOf(trigger.sampleOutput);
      if (sample !== undefined) triggerSamples[`${connector.key}/${trigger.key}`] = sample;
    }
    for (const action of connector.actions) actionSamples[`${connector.key}/${action.key}`] = action.sampleOutput;
  }
  const data: EditorData = {
    appId: app.id,
    integrationId: integration.id,
    name: integration.name,
    archived: integration.state === "archived",
    connectors: connectors.map(summarizeConnector),
    connections: listConnections(user, "development").map((c) => ({ id: c.id, name: c.name, connectorKey: c.connector.key, status: c.status, authenticated: c.authenticated })),
    boards: listBoards(app.id, "development").map((board) => ({ id: board.id, name: board.name, fields: board.fields.map((f) => ({ key: f.key, label: f.label })) })),
    triggerSamples,
    actionSamples,
    connectionsHref: connectionsPath("development", app.id),
    webhookAddress: webhookAddress(integration.id, "development"),
  };

  return (
    <div className="max-w-4xl space-y-5">
      <Link href={`/apps/${app.id}/builder/integrations`} className="text-sm text-brand-700 hover:underline">
        ← Integration
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{integration.name}</h1>
        <IntegrationStateBadge state={integration.state} />
      </div>
      <p className="text-sm text-slate-600">
        Edited in Development, with Development connections. Map each input from fixed text and data of the trigger and earlier steps, like <code>{"{{trigger.values.name}}"}</code> or{" "}
        <code>{"{{steps.create_item.id}}"}</code>; a pipe applies a formatter: <code>{"{{trigger.values.name | upper}}"}</code> (upper, lower, trim, json, default:&quot;text&quot;).
      </p>
      <IntegrationEditor data={data} initial={integration.definition} saveAction={saveDefinitionAction} testAction={testIntegrationAction} />
    </div>
  );
}
