// The label, hint and error around one input, and the input style: shared by the server-action
// form fields (fields.tsx) and the integration editor's controlled inputs.
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-400 disabled:bg-slate-100";

type ShellProps = { id: string; label: string; hint?: string; error?: string; required?: boolean; children: React.ReactNode; className?: string };

export function FieldShell({ id, label, hint, error, required, children, className }: ShellProps) {
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {/* Screen readers hear "required" from the input itself, not a star. */}
        {required ? <span aria-hidden="true" className="text-red-600"> *</span> : null}
      </label>
      {children}
      {hint && !error ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
