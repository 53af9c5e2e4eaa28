import type { Metadata } from "next";
import { NavLink } from "@/components/ui/nav-link";

export const metadata: Metadata = { title: "Manage integrations" };

const TABS = [
  ["all", "All integrations"],
  ["connections", "Connections"],
  ["runs", "Run history"],
] as const;

export default async function ManageIntegrationsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const base = `/apps/${appId}/manage/integrations`;
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Manage</p>
      <h2 className="text-xl font-semibold">Integrations</h2>
      <nav aria-label="Integrations" className="mt-4 flex gap-1 border-b border-slate-200">
        {TABS.map(([path, label]) => (
          <NavLink
            key={path}
            href={`${base}/${path}`}
            className="-mb-px border-b-2 px-3 py-2 text-sm"
            activeClassName="border-brand-600 font-medium text-brand-700"
            inactiveClassName="border-transparent text-slate-600 hover:text-slate-900"
          >
            {label}
          </NavLink>
        ))}
      </nav>
      <div className="mt-6">{children}</div>
    </div>
  );
}
