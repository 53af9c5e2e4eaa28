import Link from "next/link";
import { loadApp } from "@/app/(app)/apps/[appId]/load-app";
import { deployPath } from "@/app/(app)/apps/[appId]/paths";
import { buttonClass } from "@/components/ui/button-class";
import { EnvironmentBadge } from "@/components/ui/environment-badge";
import { NavLink } from "@/components/ui/nav-link";
import { listBoards } from "@/db/queries/apps";

const navLink = "block rounded-md px-3 py-1.5 text-sm";
const navActive = "bg-brand-50 font-medium text-brand-700";
const navInactive = "text-slate-700 hover:bg-slate-100";

export default async function BuilderLayout({ children, params }: { children: React.ReactNode; params: Promise<{ appId: string }> }) {
  const { app, canBuild } = await loadApp((await params).appId);
  if (!canBuild) {
    return (
      <main className="mx-auto max-w-3xl px-6 py-12">
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          Only builders and admins can open the app builder. Ask an admin for the builder role.
        </p>
      </main>
    );
  }
  const boards = listBoards(app.id, "development");
  return (
    <div className="mx-auto flex max-w-7xl gap-6 px-6 py-6">
      <aside className="w-56 shrink-0">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">App builder</p>
        <p className="mt-1 truncate font-semibold">{app.name}</p>
        <div className="mt-2">
          <EnvironmentBadge kind="development" />
        </div>
        <Link href={deployPath(app.id)} className={`${buttonClass("primary")} mt-3`}>
          Deploy
        </Link>
        <nav aria-label="App builder" className="mt-6 space-y-4">
          <div>
            <NavLink href={`/apps/${app.id}/builder`} exact className={navLink} activeClassName={navActive} inactiveClassName={navInactive}>
              Overview
            </NavLink>
          </div>
          <div>
            <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Boards</p>
            <ul className="mt-1 space-y-0.5">
              {boards.map((board) => (
                <li key={board.id}>
                  <NavLink href={`/apps/${app.id}/builder/boards/${board.id}`} className={navLink} activeClassName={navActive} inactiveClassName={navInactive}>
                    {board.name}
                  </NavLink>
                </li>
              ))}
              {boards.length === 0 ? <li className="px-3 py-1 text-xs text-slate-500">No boards yet</li> : null}
            </ul>
          </div>
          <div>
            <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Logic</p>
            <ul className="mt-1 space-y-0.5">
              <li>
                <NavLink href={`/apps/${app.id}/builder/integrations`} className={navLink} activeClassName={navActive} inactiveClassName={navInactive}>
                  Integration
                </NavLink>
              </li>
              <li>
                <NavLink href={`/apps/${app.id}/builder/runs`} className={navLink} activeClassName={navActive} inactiveClassName={navInactive}>
                  Run history
                </NavLink>
              </li>
            </ul>
          </div>
          <div>
            <NavLink href={`/apps/${app.id}/builder/connections`} className={navLink} activeClassName={navActive} inactiveClassName={navInactive}>
              Connections
            </NavLink>
          </div>
        </nav>
        <Link href={`/apps/${app.id}`} className="mt-8 block px-3 text-sm text-brand-700 hover:underline">
          Open app in Production →
        </Link>
      </aside>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
