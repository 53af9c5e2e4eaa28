import { NavLink } from "@/components/ui/nav-link";

const ADMIN_PAGES = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/oauth-apps", label: "OAuth apps" },
  { href: "/settings/audit", label: "Audit log" },
  { href: "/settings/backups", label: "Backups" },
];

export function SettingsNav({ isAdmin }: { isAdmin: boolean }) {
  const pages = [{ href: "/settings/security", label: "Security settings" }, ...(isAdmin ? ADMIN_PAGES : [])];
  return (
    <nav aria-label="Settings" className="w-52 shrink-0 space-y-1">
      {pages.map((page) => (
        <NavLink key={page.href} href={page.href} className="block rounded-md px-3 py-1.5 text-sm" activeClassName="bg-brand-50 font-medium text-brand-700" inactiveClassName="text-slate-700 hover:bg-slate-100">
          {page.label}
        </NavLink>
      ))}
    </nav>
  );
}
