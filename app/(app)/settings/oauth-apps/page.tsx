import type { Metadata } from "next";
import { createOAuthAppAction, deleteOAuthAppAction, updateOAuthAppAction } from "@/app/(app)/settings/oauth-apps/actions";
import { OAuthAppFields } from "@/components/settings/oauth-app-fields";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { requireUser } from "@/lib/auth/session";
import type { OAuthAppView } from "@/lib/connections/oauth-app-schema";
import { listOAuthApps } from "@/lib/connections/oauth-apps";
import { environmentOAuthApps } from "@/lib/connections/oauth-apps-from-env";
import { oauthRedirectUri } from "@/lib/connections/oauth-connect";
import { EmptyState } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "OAuth apps" };

const AUTH_METHOD_LABEL: Record<OAuthAppView["authMethod"], string> = {
  client_secret_basic: "HTTP Basic header",
  client_secret_post: "Request body",
};

function AppDetails({ app }: { app: OAuthAppView }) {
  const rows: [string, string][] = [
    ["Client ID", app.clientId],
    ["Scopes", app.scopes || "The provider's default"],
    ["Authorize URL", app.authorizeUrl],
    ["Token URL", app.tokenUrl],
    ["Client authentication", AUTH_METHOD_LABEL[app.authMethod]],
    ["Test URL", app.testUrl ?? "None"],
    ...(app.issuer ? [["Issuer", app.issuer] as [string, string]] : []),
  ];
  return (
    <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600">{term}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AppCard({ app }: { app: OAuthAppView }) {
  const used = `Used by ${app.usedByCount} connection${app.usedByCount === 1 ? "" : "s"}`;
  return (
    <section aria-label={app.name} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 className="text-base font-semibold">{app.name}</h4>
        <p className="text-xs text-slate-500">
          {app.source === "environment" ? "Set by the server (OAUTH_APPS): change it there. " : ""}
          {used}
        </p>
      </div>
      <AppDetails app={app} />
      {app.source === "account" ? (
        <div className="mt-3 space-y-3">
          <details className="text-sm">
            <summary className="cursor-pointer text-brand-700">Edit</summary>
            <ActionForm action={updateOAuthAppAction} className="mt-3 space-y-3" aria-label={`Edit ${app.name}`}>
              <FormMessage />
              <input type="hidden" name="appId" value={app.id} />
              <OAuthAppFields app={app} />
              <SubmitButton variant="secondary">Save</SubmitButton>
            </ActionForm>
          </details>
          <ActionForm action={deleteOAuthAppAction} className="space-y-2" aria-label={`Delete ${app.name}`}>
            <FormMessage />
            <input type="hidden" name="appId" value={app.id} />
            <SubmitButton variant="danger" confirm={`Delete the OAuth app "${app.name}"?`}>
              Delete
            </SubmitButton>
          </ActionForm>
        </div>
      ) : null}
    </section>
  );
}

export default async function OAuthAppsPage() {
  const user = await requireUser();
  if (user.role !== "admin") {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        Only admins can manage the account&apos;s OAuth apps.
      </p>
    );
  }
  const apps = listOAuthApps(user);
  const { problem } = environmentOAuthApps();
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">OAuth apps</h2>
        <p className="mt-1 text-sm text-slate-600">
          Register this instance as an OAuth 2.0 app at a provider (authorization code with PKCE), then add it here. Connections of the
          &quot;OAuth 2.0 app&quot; connector, and HTTP request connections with OAuth 2.0, sign in through it with Connect now.
        </p>
      </div>

      <section aria-labelledby="redirect-uri" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h3 id="redirect-uri" className="text-base font-semibold">Redirect URI</h3>
        <p className="mt-1 text-slate-600">Register this address as the app&apos;s redirect (callback) URI at the provider:</p>
        <code data-testid="oauth-redirect-uri" className="mt-2 block break-all rounded bg-slate-50 px-2 py-1">
          {oauthRedirectUri()}
        </code>
      </section>

      {problem ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          {problem}
        </p>
      ) : null}

      {apps.length === 0 ? (
        <EmptyState>No OAuth apps yet. Add the first one below.</EmptyState>
      ) : (
        <ul aria-label="OAuth apps" className="space-y-4">
          {apps.map((app) => (
            <li key={app.id}>
              <AppCard app={app} />
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="new-oauth-app" className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="new-oauth-app" className="text-base font-semibold">New OAuth app</h3>
        <ActionForm action={createOAuthAppAction} className="mt-3 space-y-3" resetOnSuccess aria-label="New OAuth app">
          <FormMessage />
          <OAuthAppFields />
          <SubmitButton>Add OAuth app</SubmitButton>
        </ActionForm>
      </section>
    </div>
  );
}
