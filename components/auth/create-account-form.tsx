"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";

export function CreateAccountForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const router = useRouter();
  // React resets the form after the action, so keep the typed password for the sign-in that follows.
  const password = useRef("");
  const [signInError, setSignInError] = useState<string | null>(null);
  return (
    <ActionForm
      action={action}
      className="mt-6 space-y-4"
      aria-label="Create your account"
      onSuccess={async (state) => {
        // The account exists now: sign in with what was just typed.
        const result = await signIn("credentials", { email: state.data?.email, password: password.current, redirect: false });
        if (result?.ok) router.replace("/apps");
        else setSignInError("Your account was created, but signing in failed. Sign in with your email and password.");
      }}
    >
      <FormMessage />
      {signInError ? <p role="alert" className="text-sm text-red-700">{signInError}</p> : null}
      <TextField name="companyName" label="Company name" autoComplete="organization" required />
      <TextField name="name" label="Your name" autoComplete="name" required />
      <TextField name="email" label="Email" type="email" autoComplete="email" required />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" hint="At least 8 characters." onChange={(event) => (password.current = event.target.value)} required />
      <SubmitButton>Create account</SubmitButton>
    </ActionForm>
  );
}
