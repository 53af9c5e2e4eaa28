import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { formatValue } from "@/components/boards/format-value";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import type { BoardField, Item } from "@/db/schema";

export function ItemsTable({ fields, items, itemHref, nextHref }: { fields: BoardField[]; items: Item[]; itemHref: (id: string) => string; nextHref: string | null }) {
  if (items.length === 0) return <EmptyState>No items yet.</EmptyState>;
  const footer = nextHref ? (
    <div className="border-t border-slate-100 px-3 py-2 text-right">
      <Link href={nextHref} className={buttonClass("secondary", "sm")}>
        Older items
      </Link>
    </div>
  ) : null;
  return (
    <DataTable columns={[...fields.map((field) => field.label), "Added", { label: "Actions", hidden: true }]} footer={footer}>
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
    </DataTable>
  );
}
