"use client";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** "Turn on all ready", with what it turned on and what stays off (and why) once it ran. */
export function TurnOnAllReadyButton({ action, readyCount }: { action: Action; readyCount: number }) {
  return (
    <ActionForm action={action} className="space-y-2" aria-label="Turn on all ready">
      <div className="flex items-center gap-3">
        <SubmitButton>Turn on all ready</SubmitButton>
        <span className="text-xs text-slate-600">
          {readyCount === 0 ? "No integration is ready yet." : `${readyCount} integration${readyCount === 1 ? " is" : "s are"} ready to turn on.`}
        </span>
      </div>
      <div className="text-sm">
        <FormMessage />
      </div>
    </ActionForm>
  );
}
