// The look every list table shares: a bordered, scrollable table with a header row, and the
// dashed box that stands in for it when there is nothing to list.
import type { ReactNode } from "react";

/** A column header: its text, or `{ label, hidden }` for one read only by screen readers (Actions). */
export type ColumnHeader = string | { label: string; hidden?: boolean; alignRight?: boolean };

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">{children}</p>;
}

export function DataTable({ label, columns, children, footer }: { label?: string; columns: ColumnHeader[]; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column, index) => {
              const { label: text, hidden, alignRight } = typeof column === "string" ? { label: column } : column;
              return (
                <th key={`${index}-${text}`} scope="col" className={`px-3 py-2${alignRight ? " text-right" : ""}`}>
                  {hidden ? <span className="sr-only">{text}</span> : text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">{children}</tbody>
      </table>
      {footer}
    </div>
  );
}
