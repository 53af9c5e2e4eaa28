import type { Metadata } from "next";
import Link from "next/link";
import { deleteAppAction, renameAppAction } from "@/app/(app)/apps/actions";
import { loadAppIn } from "@/app/(app)/apps/[appId]/load-app";
import { createBoardAction } from "@/app/(app)/apps/[appId]/builder/actions";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/fields";
import { listBoards } from "@/db/queries/apps";

export const metadata: Metadata = { title: "App builder" };

export default async function BuilderOverviewPage({ params }: { params: Promise<{ appId: string }> }) {
  const { app } = await loadAppIn("development", (await params).appId);
  const boards = listBoards(app.id, "development");
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold">Overview</h1>

      <section aria-labelledby="boards-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="boards-heading" className="text-base font-semibold">Boards</h2>
        {boards.length > 0 ? (
          <ul className="mt-3 divide-y divide-slate-100">
            {boards.map((board) => (
              <li key={board.id} className="flex items-center justify-between py-2 text-sm">
                <Link href={`/apps/${app.id}/builder/boards/${board.id}`} className="font-medium text-brand-700 hover:underline">
                  {board.name}
                </Link>
                <span className="text-slate-500">
                  {board.fields.length} field{board.fields.length === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">A board is a form with typed fields; its items are the app&apos;s data.</p>
        )}
        <ActionForm action={createBoardAction} className="mt-4 space-y-2" aria-label="New board">
          <FormMessage />
          <input type="hidden" name="appId" value={app.id} />
          <div className="flex items-start gap-3">
            <TextField name="name" label="Board name" className="flex-1" placeholder="e.g. Orders" />
            <div className="pt-6">
              <SubmitButton>Create board</SubmitButton>
            </div>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="settings-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="settings-heading" className="text-base font-semibold">App settings</h2>
        <ActionForm action={renameAppAction} className="mt-3 space-y-2" aria-label="Rename app">
          <FormMessage />
          <input type="hidden" name="appId" value={app.id} />
          <div className="flex items-start gap-3">
            <TextField name="name" label="App name" defaultValue={app.name} className="flex-1" />
            <div className="pt-6">
              <SubmitButton variant="secondary">Rename app</SubmitButton>
            </div>
          </div>
        </ActionForm>
        <ActionForm action={deleteAppAction} className="mt-6 space-y-2 border-t border-slate-100 pt-4" aria-label="Delete app">
          <FormMessage />
          <input type="hidden" name="appId" value={app.id} />
          <p className="text-sm text-slate-600">Deleting the app removes its boards and their items in both environments.</p>
          <div className="flex items-start gap-3">
            <TextField name="confirm" label={`Type "${app.name}" to confirm`} className="flex-1" autoComplete="off" />
            <div className="pt-6">
              <SubmitButton variant="danger">Delete app</SubmitButton>
            </div>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
