import type { Metadata } from "next";
import { loadAppIn } from "@/app/(app)/apps/[appId]/load-app";
import {
  archiveIntegrationAction,
  createIntegrationAction,
  duplicateIntegrationAction,
  renameIntegrationAction,
  restoreIntegrationAction,
} from "@/app/(app)/apps/[appId]/builder/integrations/actions";
import { connectionsPath } from "@/app/(app)/apps/[appId]/paths";
import { catchUpAction, switchIntegrationAction } from "@/app/(app)/apps/[appId]/switch-actions";
import { IntegrationsTable, type BuilderIntegrationRow } from "@/components/integrations/integrations-table";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/fields";
import { developmentRunStatus } from "@/lib/integrations/development-switch";
import { listIntegrations } from "@/lib/integrations/integrations";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { user, app } = await loadAppIn("development", (await params).appId);
  const integrations: BuilderIntegrationRow[] = listIntegrations(user, app.id).map((integration) => {
    const target = { env: "development" as const, appId: app.id, integrationId: integration.id };
    return { ...integration, ...developmentRunStatus(user, integration), switchAction: switchIntegrationAction.bind(null, target), catchUpAction: catchUpAction.bind(null, target) };
  });
  return (
    <div className="space-y-6">
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Logic</p>
        <h1 className="text-2xl font-semibold">Integration</h1>
        <p className="mt-1 text-sm text-slate-600">
          Integrations start on a trigger and run their steps through connectors. You edit them here, in Development, where an integration runs on Development events only while
          it is On; deploy the app for changes to take effect in Production.
        </p>
      </div>
      <IntegrationsTable
        appId={app.id}
        integrations={integrations}
        actions={{ rename: renameIntegrationAction, duplicate: duplicateIntegrationAction, archive: archiveIntegrationAction, restore: restoreIntegrationAction }}
        canSwitch
        connectionsHref={connectionsPath("development", app.id)}
      />
      <section aria-labelledby="new-integration" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-integration" className="text-sm font-semibold">New integration</h2>
        <ActionForm action={createIntegrationAction} className="mt-3 space-y-2" aria-label="New integration">
          <FormMessage />
          <input type="hidden" name="appId" value={app.id} />
          <div className="flex items-start gap-3">
            <TextField name="name" label="Integration name" className="flex-1" placeholder="e.g. Order sync" />
            <div className="pt-6">
              <SubmitButton>New integration</SubmitButton>
            </div>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
