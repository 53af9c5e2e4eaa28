"use client";
// Re-run one run, or every failed run matching the filter, on the version it ran or the latest.
import Link from "next/link";
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton, useFormStateContext } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Version = "original" | "latest";

function NewRunLink() {
  const { state } = useFormStateContext();
  if (!state.ok || !state.data?.runHref) return null;
  return (
    <Link href={state.data.runHref} className="text-sm text-brand-700 hover:underline">
      Open {state.data.runLabel}
    </Link>
  );
}

type Props = {
  action: Action;
  /** The form's accessible name, e.g. "Re-run this run". */
  label: string;
  submitLabel: string;
  /** What the original version is called here, e.g. "Its original version (Version 3)". */
  originalLabel: string;
  /** Asked before submitting, for the version chosen; none: submit at once. */
  confirm?: Record<Version, string>;
  /** Hidden inputs: the run, or the filter. */
  hidden: Record<string, string>;
};

export function RerunForm({ action, label, submitLabel, originalLabel, confirm, hidden }: Props) {
  const [version, setVersion] = useState<Version>("original");
  return (
    <ActionForm action={action} aria-label={label} className="space-y-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Version</legend>
        {(
          [
            ["original", originalLabel],
            ["latest", "The latest version"],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name="version" value={value} checked={version === value} onChange={() => setVersion(value)} className="h-4 w-4 text-brand-600" />
            {text}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" confirm={confirm?.[version]}>
          {submitLabel}
        </SubmitButton>
        <NewRunLink />
      </div>
      <FormMessage />
    </ActionForm>
  );
}
