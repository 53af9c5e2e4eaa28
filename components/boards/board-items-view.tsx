// A board's items in one environment: the add form and the newest-first table.
import Link from "next/link";
import { ItemForm } from "@/components/boards/item-form";
import { ItemsTable } from "@/components/boards/items-table";
import type { BoardField, Item } from "@/db/schema";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** A Production board the app was never deployed with: there is no form to add items with yet. */
function NotDeployedNotice({ deployHref }: { deployHref?: string }) {
  return (
    <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
      <p className="font-medium">This board has not been deployed yet.</p>
      <p className="mt-1">
        Its fields are still being built in the app builder: Production gets its form, and takes items, once the app is deployed.{" "}
        {deployHref ? (
          <Link href={deployHref} className="font-medium text-brand-700 underline">
            Deploy the app
          </Link>
        ) : (
          "Ask a builder to deploy the app."
        )}
      </p>
    </div>
  );
}

export function BoardItemsView({
  fields,
  items,
  createAction,
  basePath,
  nextCursor,
  inBuilder = false,
  deployHref,
}: {
  /** The board's fields in this environment; null for a Production board never deployed. */
  fields: BoardField[] | null;
  items: Item[];
  createAction: Action;
  basePath: string;
  nextCursor: string | null;
  /** In the app builder the fields are edited on the same page, above the test items. */
  inBuilder?: boolean;
  /** The Deploy page, for people who may deploy. */
  deployHref?: string;
}) {
  if (fields === null) return <NotDeployedNotice deployHref={deployHref} />;
  return (
    <div className="space-y-6">
      {fields.length === 0 ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          {inBuilder
            ? "This board has no fields yet. Add a field above, then add items for testing here."
            : "This board has no fields in Production. Add fields in the app builder (Edit app), then deploy the app."}
        </p>
      ) : (
        <section aria-labelledby="add-item" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="add-item" className="mb-3 text-sm font-semibold">
            Add item
          </h2>
          <ItemForm action={createAction} fields={fields} submitLabel="Add item" ariaLabel="Add item" />
        </section>
      )}
      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-sm font-semibold">
          Items
        </h2>
        <ItemsTable
          fields={fields}
          items={items}
          itemHref={(id) => `${basePath}/items/${id}`}
          nextHref={nextCursor ? `${basePath}?after=${encodeURIComponent(nextCursor)}` : null}
        />
      </section>
    </div>
  );
}
