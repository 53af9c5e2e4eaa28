import type { Metadata } from "next";
import Link from "next/link";
import { createAccountAction } from "@/app/(auth)/create-account/actions";
import { CreateAccountForm } from "@/components/auth/create-account-form";
import { hasAnyAccount } from "@/db/queries/accounts";

export const metadata: Metadata = { title: "Create your account" };
export const dynamic = "force-dynamic";

export default function CreateAccountPage() {
  const firstAccount = !hasAnyAccount();
  return (
    <>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <p className="mt-1 text-sm text-slate-600">
        {firstAccount
          ? "Welcome! Set up your company's account; you will be its first admin."
          : "Set up a new company account on this instance; you will be its first admin."}
      </p>
      <CreateAccountForm action={createAccountAction} />
      {!firstAccount ? (
        <p className="mt-6 text-center text-sm text-slate-600">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
        </p>
      ) : null}
    </>
  );
}
