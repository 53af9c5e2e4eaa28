"use client";
// Labelled inputs that show their own error from the surrounding ActionForm's state.
import { useId } from "react";
import { useFormStateContext } from "@/components/ui/action-form";
import { FieldShell, inputClass } from "@/components/ui/field-shell";


type Common = { name: string; label: string; hint?: string; errorKey?: string; className?: string };

function useField(name: string, errorKey?: string) {
  const { state } = useFormStateContext();
  const id = useId();
  const error = state.fieldErrors?.[errorKey ?? name];
  return { id, error, echoed: state.values?.[name] };
}

export function TextField({
  name,
  label,
  hint,
  errorKey,
  className,
  type = "text",
  defaultValue,
  required,
  ...rest
}: Common & Omit<React.ComponentProps<"input">, "name">) {
  const { id, error, echoed } = useField(name, errorKey);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : (echoed ?? defaultValue)}
        key={echoed ?? "initial"}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={inputClass}
        {...rest}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errorKey,
  className,
  options,
  defaultValue,
  required,
  ...rest
}: Common & { options: { value: string; label: string }[] } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const { id, error, echoed } = useField(name, errorKey);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <select
        id={id}
        name={name}
        defaultValue={echoed ?? defaultValue}
        key={echoed ?? "initial"}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, errorKey, className, defaultValue, ...rest }: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const { id, error, echoed } = useField(name, errorKey);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        name={name}
        defaultValue={echoed ?? defaultValue}
        key={echoed ?? "initial"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
        {...rest}
      />
    </FieldShell>
  );
}

export function CheckboxField({ name, label, errorKey, defaultChecked, className }: Common & { defaultChecked?: boolean }) {
  const { id, error, echoed } = useField(name, errorKey);
  const { state } = useFormStateContext();
  // An unticked box is absent from the echoed values: absent after a refused submit means unticked.
  const checked = state.values ? echoed === "on" : defaultChecked;
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={checked}
          key={state.values ? `echo-${checked}` : "initial"}
          aria-invalid={error ? true : undefined}
          className="h-4 w-4 rounded border-slate-300 text-brand-600"
        />
        <label htmlFor={id} className="text-sm text-slate-700">
          {label}
        </label>
      </div>
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </div>
  );
}
