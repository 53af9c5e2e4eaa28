// A board's items in one environment: the add form and the newest-first table.
import { ItemForm } from "@/components/boards/item-form";
import { ItemsTable } from "@/components/boards/items-table";
import type { Board, Item } from "@/db/schema";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function BoardItemsView({
  board,
  items,
  createAction,
  basePath,
  nextCursor,
  inBuilder = false,
}: {
  board: Board;
  items: Item[];
  createAction: Action;
  basePath: string;
  nextCursor: string | null;
  /** In the app builder the fields are edited on the same page, above the test items. */
  inBuilder?: boolean;
}) {
  return (
    <div className="space-y-6">
      {board.fields.length === 0 ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          {inBuilder
            ? "This board has no fields yet. Add a field above, then add items for testing here."
            : "This board has no fields yet. Add fields in the app builder (Edit app) first."}
        </p>
      ) : (
        <section aria-labelledby="add-item" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="add-item" className="mb-3 text-sm font-semibold">
            Add item
          </h2>
          <ItemForm action={createAction} fields={board.fields} submitLabel="Add item" ariaLabel="Add item" />
        </section>
      )}
      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-sm font-semibold">
          Items
        </h2>
        <ItemsTable
          fields={board.fields}
          items={items}
          itemHref={(id) => `${basePath}/items/${id}`}
          nextHref={nextCursor ? `${basePath}?after=${encodeURIComponent(nextCursor)}` : null}
        />
      </section>
    </div>
  );
}
