"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50">
      Sign out
    </button>
  );
}
