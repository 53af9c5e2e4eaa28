import type { Metadata } from "next";
import path from "node:path";
import { Time } from "@/components/deploy/time";
import { requireUser } from "@/lib/auth/session";
import { fileSize } from "@/lib/file-size";
import { lastBackup } from "@/lib/operations/last-backup";

export const metadata: Metadata = { title: "Backups" };

const BACKUP_COMMAND = "npm run backup -- /backups/boardflow-$(date +%F).tar.gz";
const RESTORE_COMMAND = "npm run restore -- /backups/boardflow-2026-01-31.tar.gz";

function Command({ children }: { children: string }) {
  return <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 px-4 py-3 text-sm text-slate-100">{children}</pre>;
}

export default async function BackupsPage() {
  const user = await requireUser();
  if (user.role !== "admin") {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        Only admins can see backups.
      </p>
    );
  }
  const last = lastBackup();
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">Backups</h2>
        <p className="mt-1 text-sm text-slate-600">
          A backup is one file with the database and the generated keys of this instance&apos;s data folder. Take it on the server while the app runs.
        </p>
      </div>
      <section aria-labelledby="last-backup" className="rounded-lg border border-slate-200 bg-white p-5">
        <h3 id="last-backup" className="text-base font-semibold">Last backup</h3>
        {last ? (
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="font-medium text-slate-600">Taken</dt>
            <dd data-testid="last-backup-time">
              <Time ms={Date.parse(last.at)} />
            </dd>
            <dt className="font-medium text-slate-600">File</dt>
            <dd>
              <code>{path.basename(last.file)}</code> ({fileSize(last.bytes)})
            </dd>
          </dl>
        ) : (
          <p className="mt-2 text-sm text-amber-800" data-testid="last-backup-time">
            No backup has been taken of this data folder yet.
          </p>
        )}
      </section>
      <section aria-labelledby="take-backup" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <h3 id="take-backup" className="text-base font-semibold">Take a backup</h3>
        <p className="mt-1 text-slate-600">In the app&apos;s folder on the server, with the same DATA_DIR as the server:</p>
        <Command>{BACKUP_COMMAND}</Command>
        <p className="mt-2 text-slate-600">
          When APP_ENCRYPTION_KEY is set in the environment, the key is not in the file: keep it separately, or the restored connections cannot be decrypted.
        </p>
        <h3 className="mt-5 text-base font-semibold">Restore</h3>
        <p className="mt-1 text-slate-600">Stop the server, then, into an empty data folder (or add --replace to move the current data aside):</p>
        <Command>{RESTORE_COMMAND}</Command>
      </section>
    </div>
  );
}
