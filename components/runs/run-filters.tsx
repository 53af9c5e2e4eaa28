// The Run history filters: a plain GET form, so the filters live in the URL (a link to a filtered
// history can be shared, and the export and the re-run of failed runs read the same query).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { FieldShell, inputClass } from "@/components/ui/field-shell";
import { RUN_STATUSES } from "@/db/schema";
import { RUN_STATUS_LABEL } from "@/lib/runs/labels";
import { MAX_SEARCH_LENGTH } from "@/lib/runs/run-query";

export type FilterValues = Partial<Record<"integrationId" | "status" | "from" | "to" | "q", string>>;

type Props = {
  /** What the URL holds, valid or not, so a refused value stays in its field. */
  values: FilterValues;
  errors: Record<string, string>;
  integrations: { id: string; name: string }[];
  clearHref: string;
};

const idOf = (key: keyof FilterValues) => `run-filter-${key}`;

function fieldProps(key: keyof FilterValues, errors: Record<string, string>, hinted = false) {
  const id = idOf(key);
  const describedBy = errors[key] ? `${id}-error` : hinted ? `${id}-hint` : undefined;
  return { id, name: key, "aria-invalid": errors[key] ? true : undefined, "aria-describedby": describedBy, className: inputClass };
}

export function RunFilters({ values, errors, integrations, clearHref }: Props) {
  return (
    <form method="get" aria-label="Filter runs" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_minmax(0,1.5fr)]">
      <FieldShell id={idOf("integrationId")} label="Integration" error={errors.integrationId}>
        <select defaultValue={values.integrationId ?? ""} {...fieldProps("integrationId", errors)}>
          <option value="">All integrations</option>
          {integrations.map((integration) => (
            <option key={integration.id} value={integration.id}>
              {integration.name}
            </option>
          ))}
        </select>
      </FieldShell>
      <FieldShell id={idOf("status")} label="Status" error={errors.status}>
        <select defaultValue={values.status ?? ""} {...fieldProps("status", errors)}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {RUN_STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </FieldShell>
      <FieldShell id={idOf("from")} label="From" error={errors.from}>
        <input type="date" defaultValue={values.from ?? ""} {...fieldProps("from", errors)} />
      </FieldShell>
      <FieldShell id={idOf("to")} label="To" error={errors.to}>
        <input type="date" defaultValue={values.to ?? ""} {...fieldProps("to", errors)} />
      </FieldShell>
      <FieldShell id={idOf("q")} label="Search" hint="Whole words of the trigger item, such as a name or an order number." error={errors.q}>
        <input type="search" defaultValue={values.q ?? ""} maxLength={MAX_SEARCH_LENGTH} {...fieldProps("q", errors, true)} />
      </FieldShell>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-5">
        <button type="submit" className={buttonClass("primary")}>
          Apply filters
        </button>
        <Link href={clearHref} className="text-sm text-slate-600 hover:underline">
          Clear filters
        </Link>
        <span className="text-xs text-slate-500">Dates are UTC days; both are included.</span>
      </div>
    </form>
  );
}
