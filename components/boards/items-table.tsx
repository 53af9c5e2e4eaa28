import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { formatValue } from "@/components/boards/format-value";
import type { BoardField, Item } from "@/db/schema";

export function ItemsTable({ fields, items, itemHref, nextHref }: { fields: BoardField[]; items: Item[]; itemHref: (id: string) => string; nextHref: string | null }) {
  if (items.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No items yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {fields.map((field) => (
              <th key={field.key} scope="col" className="px-3 py-2">
                {field.label}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              Added
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id}>
              {fields.map((field) => (
                <td key={field.key} className="max-w-xs truncate px-3 py-2">
                  {formatValue(field, item.values)}
                </td>
              ))}
              <td className="whitespace-nowrap px-3 py-2 text-slate-500">
                <time dateTime={new Date(item.createdAt).toISOString()}>{new Date(item.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC</time>
              </td>
              <td className="px-3 py-2 text-right">
                <Link href={itemHref(item.id)} className={buttonClass("ghost", "sm")} aria-label={`Edit item ${fields[0] ? formatValue(fields[0], item.values) : ""}`.trim()}>
                  Edit
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextHref ? (
        <div className="border-t border-slate-100 px-3 py-2 text-right">
          <Link href={nextHref} className={buttonClass("secondary", "sm")}>
            Older items
          </Link>
        </div>
      ) : null}
    </div>
  );
}
