"use client";
// The buttons of one row of Logic > Integration: Edit, Rename (an inline form), Duplicate,
// Archive or Restore. Each says which integration it acts on to screen readers
// ("Duplicate Order sync") while showing the manual's word.
import Link from "next/link";
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton, useFormStateContext } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type RowActions = { rename: Action; duplicate: Action; archive: Action; restore: Action };

function Hidden({ appId, integrationId }: { appId: string; integrationId: string }) {
  return (
    <>
      <input type="hidden" name="appId" value={appId} />
      <input type="hidden" name="integrationId" value={integrationId} />
    </>
  );
}

function RowSubmit({ label, ariaLabel, variant = "secondary" }: { label: string; ariaLabel: string; variant?: "secondary" | "danger" }) {
  const { pending } = useFormStateContext();
  return (
    <button type="submit" disabled={pending} aria-label={ariaLabel} className={buttonClass(variant, "sm")}>
      {label}
    </button>
  );
}

/** Only a refusal is worth a message here: success shows in the row itself. */
function RowError() {
  const { state } = useFormStateContext();
  return state.error ? (
    <p role="alert" className="max-w-xs text-right text-xs text-red-700">
      {state.error}
    </p>
  ) : null;
}

function RowButton({ action, label, name, appId, integrationId, variant }: { action: Action; label: string; name: string; appId: string; integrationId: string; variant?: "secondary" | "danger" }) {
  return (
    <ActionForm action={action} className="flex flex-col items-end gap-1" aria-label={`${label} ${name}`}>
      <Hidden appId={appId} integrationId={integrationId} />
      <RowSubmit label={label} ariaLabel={`${label} ${name}`} variant={variant} />
      <RowError />
    </ActionForm>
  );
}

export function IntegrationRowActions({ appId, integrationId, name, archived, actions }: { appId: string; integrationId: string; name: string; archived: boolean; actions: RowActions }) {
  const [renaming, setRenaming] = useState(false);
  const common = { appId, integrationId, name };
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-start justify-end gap-2 lg:flex-nowrap">
        <Link href={`/apps/${appId}/builder/integrations/${integrationId}`} aria-label={`Edit ${name}`} className={buttonClass("secondary", "sm")}>
          Edit
        </Link>
        <button type="button" aria-label={`Rename ${name}`} aria-expanded={renaming} className={buttonClass("secondary", "sm")} onClick={() => setRenaming((open) => !open)}>
          Rename
        </button>
        <RowButton action={actions.duplicate} label="Duplicate" {...common} />
        {archived ? <RowButton key="restore" action={actions.restore} label="Restore" {...common} /> : <RowButton key="archive" action={actions.archive} label="Archive" variant="danger" {...common} />}
      </div>
      {renaming ? (
        <ActionForm action={actions.rename} className="w-80 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={`Rename ${name}`} onSuccess={() => setRenaming(false)}>
          <FormMessage />
          <Hidden appId={appId} integrationId={integrationId} />
          <TextField name="name" label="New name" defaultValue={name} autoFocus />
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setRenaming(false)}>
              Cancel
            </button>
            <SubmitButton>Save name</SubmitButton>
          </div>
        </ActionForm>
      ) : null}
    </div>
  );
}
