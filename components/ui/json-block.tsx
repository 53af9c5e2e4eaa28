// JSON shown as formatted TEXT in a <pre> (React escapes it): data from outside is never HTML here.
export function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <pre aria-label={label} className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        {value === undefined ? "(none)" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
