import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { hasAnyAccount } from "@/db/queries/accounts";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Only same-site paths: an absolute URL here would be an open redirect. */
function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/apps";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!hasAnyAccount()) redirect("/create-account");
  if (await currentUser()) redirect("/apps");
  const params = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={safeCallback(params.callbackUrl)} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New company?{" "}
        <Link href="/create-account" className="font-medium text-brand-700 hover:underline">
          Create your account
        </Link>
      </p>
    </>
  );
}
