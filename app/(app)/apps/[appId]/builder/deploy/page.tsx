import type { Metadata } from "next";
import Link from "next/link";
import { deployAction, importIntegrationsAction } from "@/app/(app)/apps/[appId]/builder/deploy/actions";
import { loadAppIn } from "@/app/(app)/apps/[appId]/load-app";
import { deployPath } from "@/app/(app)/apps/[appId]/paths";
import { DeployConfirm } from "@/components/deploy/deploy-confirm";
import { DeploymentHistory } from "@/components/deploy/deployment-history";
import { DeploymentPreview } from "@/components/deploy/deployment-preview";
import { ImportIntegrationsForm } from "@/components/deploy/import-form";
import { buttonClass } from "@/components/ui/button-class";
import { listDeployments, previewDeployment } from "@/lib/deploy/deploy";

export const metadata: Metadata = { title: "Deploy" };

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeployPage({ params, searchParams }: Props) {
  const { user, app } = await loadAppIn("development", (await params).appId);
  const query = await searchParams;
  const base = deployPath(app.id);
  const deployments = listDeployments(user, app.id);
  const deployed = typeof query.deployed === "string" ? deployments.find((d) => String(d.number) === query.deployed) : undefined;
  const preview = query.preview === "1" && !deployed ? previewDeployment(user, app.id) : null;
  const checklistHref = `/apps/${app.id}/manage/integrations/all#go-live-checklist`;
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Deploy</h1>
        <p className="mt-1 text-sm text-slate-600">
          Deploying copies this app&apos;s integrations and board fields from Development to Production; changes made in the app builder take effect in
          Production only after a deployment. Once the app is deployed, all integrations are turned off: authenticate their Production connections again, test them, and turn the
          integrations on.
        </p>
      </div>

      {deployed ? (
        <section role="status" aria-label="Deployment result" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-medium">Version {deployed.number} was deployed to Production.</p>
          <p className="mt-1">
            Every Production integration is off and every Production connection needs authenticating again.{" "}
            <Link href={checklistHref} className="font-medium text-brand-700 underline">
              Open the go-live checklist
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="deploy-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="deploy-heading" className="text-base font-semibold">Deploy to Production</h2>
        {preview ? (
          <div className="mt-3 space-y-4">
            <p className="text-sm text-slate-700">What will change in Production:</p>
            {preview.problems.length > 0 ? (
              <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                <p className="font-medium">The app cannot be deployed yet:</p>
                <ul className="mt-1 list-disc pl-5">
                  {preview.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <DeploymentPreview preview={preview} />
            <DeployConfirm action={deployAction.bind(null, { appId: app.id })} basedOn={preview.basedOn} nextNumber={preview.nextNumber} disabled={preview.problems.length > 0} cancelHref={base} />
          </div>
        ) : (
          <form method="get" action={base} className="mt-3 flex items-center gap-3">
            <input type="hidden" name="preview" value="1" />
            <button type="submit" className={buttonClass("primary")}>
              Deploy
            </button>
            <span className="text-sm text-slate-600">You will see what changes before anything is deployed.</span>
          </form>
        )}
      </section>

      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history-heading" className="text-base font-semibold">Deployment history</h2>
        <div className="mt-3">
          <DeploymentHistory deployments={deployments} />
        </div>
      </section>

      <section aria-labelledby="export-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="export-heading" className="text-base font-semibold">Export and import</h2>
        <p className="mt-1 text-sm text-slate-600">
          The app&apos;s integrations as JSON, for review and version control: names and definitions, with connections by name. No credentials.
        </p>
        <a href={`${base}/export`} download className={`${buttonClass("secondary")} mt-3`}>
          Export integrations (JSON)
        </a>
        <div className="mt-5 border-t border-slate-100 pt-4">
          <ImportIntegrationsForm action={importIntegrationsAction.bind(null, { appId: app.id })} />
        </div>
      </section>
    </div>
  );
}
