"use client";
// Import integrations from an export file into the app builder (Development).
import { useId } from "react";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function ImportIntegrationsForm({ action }: { action: Action }) {
  const id = useId();
  return (
    <ActionForm action={action} className="space-y-2" aria-label="Import integrations" resetOnSuccess>
      <FormMessage />
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Integrations file (JSON)
      </label>
      <input id={id} name="file" type="file" accept=".json,application/json" className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" />
      <p className="text-xs text-slate-500">
        Connections are matched by name and connector among the Development connections; missing ones are created, to be authenticated with Connect now.
      </p>
      <SubmitButton variant="secondary">Import integrations</SubmitButton>
    </ActionForm>
  );
}
