"use client";
// Controlled, labelled inputs of the integration editor, each showing its own error. (The
// ActionForm fields in components/ui read a server action's state; the editor keeps its
// definition in client state and saves it whole.)
import { forwardRef, useId } from "react";
import { FieldShell, inputClass } from "@/components/ui/field-shell";

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

type Option = { value: string; label: string };

export function SelectInput({
  label,
  value,
  options,
  onChange,
  error,
  hint,
  required,
  placeholder,
  className,
  disabled,
}: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  /** A first, empty choice ("Choose…"). */
  placeholder?: string;
  className?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={inputClass}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type TextProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  error?: string;
  hint?: string;
  required?: boolean;
  placeholder?: string;
  list?: string;
  monospace?: boolean;
  disabled?: boolean;
};

/** A text input or textarea; the ref lets "Insert data" put a reference at the caret. */
export const TextInput = forwardRef<HTMLInputElement | HTMLTextAreaElement, TextProps>(function TextInput({ id, value, onChange, multiline, error, hint, required, placeholder, list, monospace, disabled }, ref) {
  const common = {
    id,
    value,
    placeholder,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-required": required || undefined,
    "aria-describedby": describedBy(id, error, hint),
    className: `${inputClass} ${monospace ? "font-mono text-xs" : ""}`,
  };
  if (multiline) {
    return <textarea {...common} ref={ref as React.Ref<HTMLTextAreaElement>} rows={4} onChange={(event) => onChange(event.target.value)} />;
  }
  return <input {...common} ref={ref as React.Ref<HTMLInputElement>} type="text" list={list} onChange={(event) => onChange(event.target.value)} />;
});

export function TextField({ label, hint, error, required, className, ...rest }: Omit<TextProps, "id"> & { label: string; className?: string }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <TextInput id={id} hint={hint} error={error} required={required} {...rest} />
    </FieldShell>
  );
}
