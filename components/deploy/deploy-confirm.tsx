"use client";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** "Deploy to Production", sent with the version the preview was made against. */
export function DeployConfirm({ action, basedOn, nextNumber, disabled, cancelHref }: { action: Action; basedOn: number; nextNumber: number; disabled: boolean; cancelHref: string }) {
  return (
    <ActionForm action={action} className="space-y-2" aria-label="Confirm deployment">
      <FormMessage />
      <input type="hidden" name="basedOn" value={basedOn} />
      <div className="flex items-center gap-3">
        {disabled ? (
          <button type="button" disabled className="inline-flex cursor-not-allowed items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white opacity-60">
            Deploy to Production
          </button>
        ) : (
          <SubmitButton>Deploy to Production</SubmitButton>
        )}
        <a href={cancelHref} className="text-sm text-slate-600 hover:underline">
          Cancel
        </a>
        <span className="text-xs text-slate-500">This will be version {nextNumber}.</span>
      </div>
    </ActionForm>
  );
}
