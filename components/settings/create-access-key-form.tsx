"use client";
// Creates an access key and shows its secret once, with a copy button.
import { ActionForm, FormMessage, SubmitButton, useFormStateContext } from "@/components/ui/action-form";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";

function NewKey() {
  const { state } = useFormStateContext();
  if (!state.ok || !state.data?.secret) return null;
  return (
    <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm" aria-label="New access key">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">Access key ID</dt>
        <dd>
          <code data-testid="new-key-id">{state.data.id}</code>
        </dd>
        <dt className="font-medium">Access key secret</dt>
        <dd className="break-all">
          <code data-testid="new-key-secret">{state.data.secret}</code>
        </dd>
      </dl>
      <CopyButton text={state.data.secret} label="Copy secret">
        Copy secret
      </CopyButton>
    </div>
  );
}

export function CreateAccessKeyForm({ action, environment, environmentLabel }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; environment: string; environmentLabel: string }) {
  return (
    <ActionForm action={action} className="space-y-3" resetOnSuccess aria-label={`Create ${environmentLabel} access key`}>
      <FormMessage />
      <NewKey />
      <input type="hidden" name="environment" value={environment} />
      <div className="flex items-start gap-3">
        <TextField name="name" label="Key name" placeholder="e.g. Kissflow connection" className="flex-1" />
        <div className="pt-6">
          <SubmitButton>Create access key</SubmitButton>
        </div>
      </div>
    </ActionForm>
  );
}
