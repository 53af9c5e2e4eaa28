"use client";
// The per-row buttons that run a server action: Test connection and Delete, each with its result.
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function ConnectionActionButton({ action, label, name, variant = "secondary", confirm }: { action: Action; label: string; name: string; variant?: "secondary" | "danger"; confirm?: string }) {
  return (
    <ActionForm action={action} className="flex flex-col items-end gap-1" aria-label={`${label} ${name}`}>
      <SubmitButton variant={variant} confirm={confirm}>
        {label}
      </SubmitButton>
      <div className="max-w-xs text-left text-xs">
        <FormMessage />
      </div>
    </ActionForm>
  );
}
