import { SettingsNav } from "@/components/settings/settings-nav";
import { requireUser } from "@/lib/auth/session";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold">My settings</h1>
      <div className="mt-6 flex gap-8">
        <SettingsNav isAdmin={user.role === "admin"} />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </main>
  );
}
