// The address a sender POSTs to, as a read-only field with a copy button. `label` is "Development
// address" or "Production address": each environment has its own.
import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { inputClass } from "@/components/ui/field-shell";

export function WebhookAddress({ label, address, hint }: { label: string; address: string; hint?: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input id={id} readOnly value={address} className={`${inputClass} font-mono text-xs`} aria-describedby={hint ? `${id}-hint` : undefined} />
        <CopyButton text={address} label={`Copy ${label}`} />
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
