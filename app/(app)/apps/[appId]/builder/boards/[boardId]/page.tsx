import Link from "next/link";
import { addFieldAction, deleteBoardAction, moveFieldAction, removeFieldAction, renameBoardAction } from "@/app/(app)/apps/[appId]/builder/actions";
import { BoardPage, type BoardParams } from "@/app/(app)/apps/[appId]/board-pages";
import { loadBoard } from "@/app/(app)/apps/[appId]/load-app";
import { deployPath } from "@/app/(app)/apps/[appId]/paths";
import { AddFieldForm } from "@/components/boards/add-field-form";
import { FieldsList } from "@/components/boards/fields-list";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/fields";
import type { Board } from "@/db/schema";
import { describeBoardChange, diffBoardFields } from "@/lib/deploy/board-changes";

/** Says when Production's form or name differs from the builder's: builder changes wait for Deploy. */
function UndeployedChangesNote({ board, appId }: { board: Board; appId: string }) {
  const change = diffBoardFields(board);
  if (!change) return null;
  const what = [change.renamedFrom ? `renamed from ${change.renamedFrom}` : "", describeBoardChange(change)].filter(Boolean).join("; ");
  return (
    <p role="note" className="mb-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
      {change.firstDeployment
        ? "Not deployed yet: Production gets this board's form with the next deployment."
        : `Changed since the last deployment (${what}): Production keeps its deployed name and fields until the next deployment.`}{" "}
      <Link href={deployPath(appId)} className="font-medium text-brand-700 underline">
        Deploy
      </Link>
    </p>
  );
}

type Props = { params: BoardParams; searchParams: Promise<{ after?: string }> };

export default async function BuilderBoardPage({ params, searchParams }: Props) {
  const { appId, boardId } = await params;
  const { app, board } = await loadBoard(appId, boardId, "development");
  const hidden = (
    <>
      <input type="hidden" name="appId" value={app.id} />
      <input type="hidden" name="boardId" value={board.id} />
    </>
  );
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{board.name}</h1>

      <section aria-labelledby="fields-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="fields-heading" className="mb-2 text-base font-semibold">Fields</h2>
        <UndeployedChangesNote board={board} appId={app.id} />
        <FieldsList fields={board.fields} appId={app.id} boardId={board.id} moveAction={moveFieldAction} removeAction={removeFieldAction} />
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="mb-3 text-sm font-semibold">Add field</h3>
          <AddFieldForm action={addFieldAction} appId={app.id} boardId={board.id} />
        </div>
      </section>

      <section aria-labelledby="test-items-heading">
        <h2 id="test-items-heading" className="text-base font-semibold">Items for testing</h2>
        <p className="mb-4 text-sm text-slate-600">These items live in Development only; Production keeps its own.</p>
        <BoardPage env="development" params={params} searchParams={searchParams} />
      </section>

      <section aria-labelledby="board-settings-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="board-settings-heading" className="text-base font-semibold">Board settings</h2>
        <ActionForm action={renameBoardAction} className="mt-3 space-y-2" aria-label="Rename board">
          <FormMessage />
          {hidden}
          <div className="flex items-start gap-3">
            <TextField name="name" label="Board name" defaultValue={board.name} className="flex-1" />
            <div className="pt-6">
              <SubmitButton variant="secondary">Rename board</SubmitButton>
            </div>
          </div>
        </ActionForm>
        <ActionForm action={deleteBoardAction} className="mt-4 flex items-center gap-3 border-t border-slate-100 pt-4" aria-label="Delete board">
          <FormMessage />
          {hidden}
          <p className="flex-1 text-sm text-slate-600">Deleting the board removes it and its items for testing from Development now; Production keeps it and its items until you deploy.</p>
          <SubmitButton variant="danger" confirm={`Delete the board "${board.name}" from Development? Production keeps it and its items until the next Deploy.`}>
            Delete board
          </SubmitButton>
        </ActionForm>
      </section>
    </div>
  );
}
