"use client";
// The catch-up offer (SPEC §9.2) after an integration with a board trigger is turned on: how many
// items arrived while it was off, and whether to run them now. Stays mounted once the offer is
// answered, so its answer ("Queued 12 runs…") is still shown after the page refreshes.
import { ActionForm, FormMessage, useFormStateContext } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function Offer({ count, canAnswer }: { count: number; canAnswer: boolean }) {
  const { pending } = useFormStateContext();
  const one = count === 1;
  return (
    <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900">
      <p>
        {count} item{one ? "" : "s"} arrived while it was off. Run {one ? "it" : "them"} now?
      </p>
      {canAnswer ? (
        <div className="flex justify-end gap-2">
          <button type="submit" name="decision" value="dismiss" disabled={pending} className={`${buttonClass("ghost", "sm")} whitespace-nowrap`}>
            Not now
          </button>
          <button type="submit" name="decision" value="run" disabled={pending} className={`${buttonClass("primary", "sm")} whitespace-nowrap`}>
            Run {one ? "it" : "them"} now
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function CatchUpOffer({ action, name, count, canAnswer }: { action: Action; name: string; count: number; canAnswer: boolean }) {
  return (
    <ActionForm action={action} aria-label={`Catch up ${name}`} className="ml-auto mt-2 w-64 space-y-1 text-left empty:hidden">
      {count > 0 ? <Offer count={count} canAnswer={canAnswer} /> : null}
      <FormMessage />
    </ActionForm>
  );
}
