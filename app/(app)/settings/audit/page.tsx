import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/deploy/time";
import { readAuditLog } from "@/lib/audit/audit-log";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { EmptyState } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (user.role !== "admin") {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        Only admins can read the audit log.
      </p>
    );
  }
  const before = (await searchParams).before;
  let page;
  try {
    page = readAuditLog(user, { cursor: typeof before === "string" ? before : undefined });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {error.message} <Link href="/settings/audit" className="font-medium underline">Newest entries</Link>
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-xl font-semibold">Audit log</h2>
        <p className="mt-1 text-sm text-slate-600">Who deployed, turned integrations on or off, authenticated or tested connections, and when. Newest first.</p>
      </div>
      {page.entries.length === 0 ? (
        <EmptyState>Nothing has been recorded yet.</EmptyState>
      ) : (
        <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm" aria-label="Audit log">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">When</th>
              <th scope="col" className="px-3 py-2">Who</th>
              <th scope="col" className="px-3 py-2">What</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {page.entries.map((entry) => (
              <tr key={entry.id}>
                <td className="px-3 py-2">
                  <Time ms={entry.at} />
                </td>
                <td className="px-3 py-2">{entry.who}</td>
                <td className="px-3 py-2">{entry.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Audit log pages" className="flex gap-4 text-sm">
        {typeof before === "string" ? (
          <Link href="/settings/audit" className="text-brand-700 hover:underline">
            ← Newest entries
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/settings/audit?before=${encodeURIComponent(page.nextCursor)}`} className="text-brand-700 hover:underline">
            Older entries →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
