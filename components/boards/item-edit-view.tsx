// Editing and deleting one item.
import Link from "next/link";
import { ItemForm } from "@/components/boards/item-form";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import type { BoardField, Item } from "@/db/schema";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function ItemEditView({
  boardName,
  fields,
  item,
  updateAction,
  deleteAction,
  backHref,
}: {
  boardName: string;
  /** The board's fields in the item's environment. */
  fields: BoardField[];
  item: Item;
  updateAction: Action;
  deleteAction: Action;
  backHref: string;
}) {
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={backHref} className="inline-block text-sm text-brand-700 hover:underline">
        ← Back to {boardName}
      </Link>
      <section aria-labelledby="edit-item" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="edit-item" className="mb-1 text-base font-semibold">
          Edit item
        </h2>
        <p className="mb-4 font-mono text-xs text-slate-500">{item.id}</p>
        <ItemForm action={updateAction} fields={fields} values={item.values} submitLabel="Save item" ariaLabel="Edit item" />
      </section>
      <section aria-labelledby="delete-item" className="rounded-lg border border-red-200 bg-white p-4">
        <h2 id="delete-item" className="text-sm font-semibold text-red-800">
          Delete item
        </h2>
        <p className="mt-1 text-sm text-slate-600">The item is removed from this environment only.</p>
        <ActionForm action={deleteAction} className="mt-3 space-y-2" aria-label="Delete item">
          <FormMessage />
          <SubmitButton variant="danger" confirm="Delete this item?">Delete item</SubmitButton>
        </ActionForm>
      </section>
      <p className="text-xs text-slate-500">
        <Link href={backHref} className={buttonClass("ghost", "sm")}>
          Cancel
        </Link>
      </p>
    </div>
  );
}
