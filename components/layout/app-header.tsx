import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Menu } from "@/components/ui/menu";
import type { SessionUser } from "@/lib/auth/session";

export function AppHeader({ user }: { user: SessionUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/apps" className="text-base font-semibold tracking-tight text-brand-700">
          Boardflow
        </Link>
        <nav aria-label="Main" className="flex items-center gap-4 text-sm">
          <Link href="/apps" className="text-slate-700 hover:text-slate-900">
            Apps
          </Link>
        </nav>
        <span className="ml-auto text-sm text-slate-500">{user.accountName}</span>
        <Menu label={user.name} ariaLabel="User menu">
          <p className="truncate px-3 py-1.5 text-xs text-slate-500">{user.email}</p>
          <Link href="/settings/security" className="block px-3 py-1.5 text-sm hover:bg-slate-50">
            My settings
          </Link>
          {user.role === "admin" ? (
            <Link href="/settings/users" className="block px-3 py-1.5 text-sm hover:bg-slate-50">
              Users
            </Link>
          ) : null}
          <SignOutButton />
        </Menu>
      </div>
    </header>
  );
}
