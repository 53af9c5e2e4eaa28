"use client";
// A form bound to a server action through useActionState. Fields inside read the state through
// context to show their error and keep what the user typed when the action refuses it.
import { createContext, useActionState, useContext, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/auth/action";
import { buttonClass } from "@/components/ui/button-class";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const FormStateContext = createContext<{ state: ActionState; pending: boolean }>({ state: {}, pending: false });

export function useFormStateContext() {
  return useContext(FormStateContext);
}

export function ActionForm({
  action,
  children,
  className,
  resetOnSuccess = false,
  onSuccess,
  "aria-label": ariaLabel,
}: {
  action: Action;
  children: React.ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  onSuccess?: (state: ActionState) => void;
  "aria-label"?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state.ok) return;
    if (resetOnSuccess) formRef.current?.reset();
    onSuccess?.(state);
    // Only a new state object means a new result.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  return (
    <FormStateContext.Provider value={{ state, pending }}>
      <form ref={formRef} action={formAction} className={className} aria-label={ariaLabel} noValidate>
        {children}
      </form>
    </FormStateContext.Provider>
  );
}

/** The form-level error or success message, announced to screen readers. */
export function FormMessage() {
  const { state } = useFormStateContext();
  if (state.error) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.error}
      </p>
    );
  }
  if (state.ok && state.message) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {state.message}
      </p>
    );
  }
  return null;
}

export function SubmitButton({
  children,
  variant = "primary",
  confirm,
}: {
  children: React.ReactNode;
  variant?: "primary" | "secondary" | "danger";
  /** Asked before submitting, for actions that cannot be undone. */
  confirm?: string;
}) {
  const { pending } = useFormStateContext();
  return (
    <button
      type="submit"
      disabled={pending}
      className={buttonClass(variant)}
      onClick={confirm ? (event) => {
        if (!window.confirm(confirm)) event.preventDefault();
      } : undefined}
    >
      {children}
    </button>
  );
}
