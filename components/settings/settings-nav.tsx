import { NavLink } from "@/components/ui/nav-link";

export function SettingsNav({ isAdmin }: { isAdmin: boolean }) {
  const link = "block rounded-md px-3 py-1.5 text-sm";
  const active = "bg-brand-50 font-medium text-brand-700";
  const inactive = "text-slate-700 hover:bg-slate-100";
  return (
    <nav aria-label="Settings" className="w-52 shrink-0 space-y-1">
      <NavLink href="/settings/security" className={link} activeClassName={active} inactiveClassName={inactive}>
        Security settings
      </NavLink>
      {isAdmin ? (
        <>
          <NavLink href="/settings/users" className={link} activeClassName={active} inactiveClassName={inactive}>
            Users
          </NavLink>
          <NavLink href="/settings/oauth-apps" className={link} activeClassName={active} inactiveClassName={inactive}>
            OAuth apps
          </NavLink>
        </>
      ) : null}
      {isAdmin ? (
        <NavLink href="/settings/audit" className={link} activeClassName={active} inactiveClassName={inactive}>
          Audit log
        </NavLink>
      ) : null}
    </nav>
  );
}
