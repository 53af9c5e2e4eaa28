import type { Metadata } from "next";
import { createAccessKeyAction, revokeAccessKeyAction, setAccountDomainAction } from "@/app/(app)/settings/security/actions";
import { CreateAccessKeyForm } from "@/components/settings/create-access-key-form";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/fields";
import { listActiveAccessKeys, listEnvironments } from "@/db/queries/settings";
import { requireUser } from "@/lib/auth/session";
import { accountDomain, ENVIRONMENT_LABEL } from "@/lib/environments";

export const metadata: Metadata = { title: "Security settings" };

const when = (ms: number | null) => (ms ? `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC` : "Never");

export default async function SecuritySettingsPage() {
  const user = await requireUser();
  const environments = listEnvironments(user.accountId);
  const keys = listActiveAccessKeys(user.userId);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">Security settings</h2>
        <h3 className="mt-4 text-lg font-semibold">API authentication</h3>
        <p className="mt-1 text-sm text-slate-600">
          Use these details to authenticate a Kissflow connection or to call the REST API. Each environment has its own Account ID and its own
          access keys: a Development key does not work on the Production Account ID.
        </p>
      </div>
      {environments.map((env) => {
        const label = ENVIRONMENT_LABEL[env.kind];
        const envKeys = keys.filter((key) => key.environmentId === env.id);
        return (
          <section key={env.id} aria-labelledby={`env-${env.kind}`} className="rounded-lg border border-slate-200 bg-white p-5">
            <h4 id={`env-${env.kind}`} className="text-base font-semibold">{label}</h4>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="font-medium text-slate-600">Account ID</dt>
              <dd>
                <code data-testid={`account-id-${env.kind}`}>{env.id}</code>
              </dd>
              <dt className="font-medium text-slate-600">Account domain</dt>
              <dd>
                <code data-testid={`account-domain-${env.kind}`}>{accountDomain(env)}</code>
              </dd>
            </dl>
            {user.role === "admin" ? (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-brand-700">Change the {label} Account domain</summary>
                <ActionForm action={setAccountDomainAction} className="mt-2 space-y-2" aria-label={`${label} Account domain`}>
                  <FormMessage />
                  <input type="hidden" name="environment" value={env.kind} />
                  <div className="flex items-start gap-3">
                    <TextField name="domain" label="Account domain" defaultValue={env.domain ?? ""} hint="Leave empty to use this instance's host." className="flex-1" />
                    <div className="pt-6">
                      <SubmitButton variant="secondary">Save domain</SubmitButton>
                    </div>
                  </div>
                </ActionForm>
              </details>
            ) : null}

            <h5 className="mt-5 text-sm font-semibold">Access keys</h5>
            {envKeys.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">You have no {label} access keys.</p>
            ) : (
              <table className="mt-2 min-w-full text-sm" aria-label={`${label} access keys`}>
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-4">Access key ID</th>
                    <th scope="col" className="py-1 pr-4">Name</th>
                    <th scope="col" className="py-1 pr-4">Created</th>
                    <th scope="col" className="py-1 pr-4">Last used</th>
                    <th scope="col" className="py-1"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {envKeys.map((key) => (
                    <tr key={key.id}>
                      <td className="py-2 pr-4"><code>{key.id}</code></td>
                      <td className="py-2 pr-4">{key.name}</td>
                      <td className="py-2 pr-4 text-slate-600">{when(key.createdAt)}</td>
                      <td className="py-2 pr-4 text-slate-600">{when(key.lastUsedAt)}</td>
                      <td className="py-2 text-right">
                        <ActionForm action={revokeAccessKeyAction} aria-label={`Revoke ${key.name}`}>
                          <input type="hidden" name="keyId" value={key.id} />
                          <SubmitButton variant="danger" confirm={`Revoke the access key "${key.name}"? Anything that uses it stops working.`}>
                            Revoke
                          </SubmitButton>
                        </ActionForm>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="mt-4 border-t border-slate-100 pt-4">
              <CreateAccessKeyForm action={createAccessKeyAction} environment={env.kind} environmentLabel={label} />
            </div>
          </section>
        );
      })}
    </div>
  );
}
