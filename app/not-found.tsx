import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">It does not exist, or it belongs to another account.</p>
      <Link href="/apps" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to Apps
      </Link>
    </main>
  );
}
