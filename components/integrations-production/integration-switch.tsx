"use client";
// The On/Off switch of one integration (Production's All integrations, the app builder's
// Integration list): a real switch button that submits a server action. A refusal ("… is not
// authenticated since the last deployment") shows beside it, with a link to each connection at
// fault (Connect now / Reauthenticate), else to the Connections tab.
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type ConnectionLink = { label: string; href: string };

export function IntegrationSwitch({
  action,
  name,
  enabled,
  archived,
  canSwitch,
  connectionsHref,
  connectionLinks = [],
}: {
  action: Action;
  name: string;
  enabled: boolean;
  archived: boolean;
  /** Builders and admins switch; others see the switch, disabled, with why. */
  canSwitch: boolean;
  connectionsHref: string;
  connectionLinks?: ConnectionLink[];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // An archived integration that is still on can be turned off, never on.
  const disabledReason = !canSwitch ? "Only builders and admins can turn integrations on or off." : archived && !enabled ? "Archived integrations cannot be turned on." : undefined;
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="on" value={enabled ? "false" : "true"} />
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className={`text-xs font-medium ${enabled ? "text-emerald-700" : "text-slate-500"}`}>
          {enabled ? "On" : "Off"}
        </span>
        <button
          type="submit"
          role="switch"
          aria-checked={enabled}
          aria-label={`Turn on ${name}`}
          disabled={disabledReason !== undefined || pending}
          title={disabledReason}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 ${
            enabled ? "bg-emerald-600" : "bg-slate-300"
          }`}
        >
          <span className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${enabled ? "translate-x-5" : "translate-x-0.5"}`} />
        </button>
      </div>
      {state.error ? (
        <div role="alert" className="w-72 space-y-1.5 rounded-md border border-red-200 bg-red-50 p-2 text-left text-xs text-red-800">
          <p>{state.error}</p>
          <p className="flex flex-wrap gap-x-3 gap-y-1">
            {(connectionLinks.length > 0 ? connectionLinks : [{ label: "Open the Connections tab", href: connectionsHref }]).map((link) => (
              <Link key={link.href} href={link.href} className="font-medium text-brand-700 underline">
                {link.label}
              </Link>
            ))}
          </p>
        </div>
      ) : null}
    </form>
  );
}
