import type { Metadata } from "next";
import Link from "next/link";
import { createAppAction } from "@/app/(app)/apps/actions";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/fields";
import { listApps } from "@/db/queries/apps";
import { hasRole } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Apps" };

export default async function AppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const apps = listApps(user.accountId);
  const canBuild = hasRole(user, "builder");
  // Connect now lands here when its own return page could not be read (e.g. the sign-in attempt expired).
  const oauthError = (await searchParams).oauth_error;
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold">Apps</h1>
      <p className="mt-1 text-sm text-slate-600">Open an app to use its boards in Production; Edit app opens the app builder in Development.</p>
      {typeof oauthError === "string" ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {oauthError}
        </p>
      ) : null}

      {canBuild ? (
        <section aria-labelledby="new-app" className="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-app" className="text-sm font-semibold">New app</h2>
          <ActionForm action={createAppAction} className="mt-3 space-y-2" aria-label="New app">
            <FormMessage />
            <div className="flex items-start gap-3">
              <TextField name="name" label="App name" className="flex-1" placeholder="e.g. Purchase requests" />
              <div className="pt-6">
                <SubmitButton>Create app</SubmitButton>
              </div>
            </div>
          </ActionForm>
        </section>
      ) : null}

      {apps.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          No apps yet.{canBuild ? " Create your first app above." : " Ask a builder or an admin to create one."}
        </p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Apps">
          {apps.map((app) => (
            <li key={app.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <Link href={`/apps/${app.id}`} className="text-base font-semibold text-slate-900 hover:text-brand-700">
                {app.name}
              </Link>
              <p className="mt-1 text-xs text-slate-500">
                {app.boardCount} board{app.boardCount === 1 ? "" : "s"}
              </p>
              <div className="mt-4 flex gap-2">
                <Link href={`/apps/${app.id}`} className={buttonClass("secondary", "sm")} aria-label={`Open ${app.name}`}>
                  Open
                </Link>
                {canBuild ? (
                  <Link href={`/apps/${app.id}/builder`} className={buttonClass("ghost", "sm")} aria-label={`Edit app ${app.name}`}>
                    Edit app
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

