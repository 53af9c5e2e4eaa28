import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

export const metadata: Metadata = { title: "Page not found" };

/** Unknown URLs and anything `notFound()` refuses, such as another account's app. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page could not be found. It may have been deleted, or the link is wrong.</p>
      <Link href="/apps" className={`${buttonClass("secondary")} mt-6`}>
        Back to Apps
      </Link>
    </main>
  );
}
