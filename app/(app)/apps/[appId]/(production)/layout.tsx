import Link from "next/link";
import { loadApp } from "@/app/(app)/apps/[appId]/load-app";
import { buttonClass } from "@/components/ui/button-class";
import { EnvironmentBadge } from "@/components/ui/environment-badge";
import { Menu } from "@/components/ui/menu";
import { NavLink } from "@/components/ui/nav-link";
import { listBoards } from "@/db/queries/apps";
import { boardNameIn } from "@/lib/boards/board-fields";

export default async function ProductionAppLayout({ children, params }: { children: React.ReactNode; params: Promise<{ appId: string }> }) {
  const { app, canBuild } = await loadApp((await params).appId);
  const boards = listBoards(app.id, "production");
  return (
    <main className="mx-auto max-w-7xl px-6 py-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{app.name}</h1>
        <EnvironmentBadge kind="production" />
        <div className="ml-auto flex items-center gap-2">
          <Menu label="Manage" className="[&>summary]:border [&>summary]:border-slate-300 [&>summary]:bg-white [&>summary]:px-3.5 [&>summary]:py-2">
            <Link href={`/apps/${app.id}/manage/integrations`} className="block px-3 py-1.5 text-sm hover:bg-slate-50">
              Integrations
            </Link>
          </Menu>
          {canBuild ? (
            <Link href={`/apps/${app.id}/builder`} className={buttonClass("secondary")}>
              Edit app
            </Link>
          ) : null}
        </div>
      </div>
      <nav aria-label="Boards" className="mt-4 flex gap-1 border-b border-slate-200">
        {boards.map((board) => (
          <NavLink
            key={board.id}
            href={`/apps/${app.id}/boards/${board.id}`}
            className="-mb-px border-b-2 px-3 py-2 text-sm"
            activeClassName="border-brand-600 font-medium text-brand-700"
            inactiveClassName="border-transparent text-slate-600 hover:text-slate-900"
          >
            {boardNameIn(board, "production")}
          </NavLink>
        ))}
      </nav>
      <div className="mt-6">{children}</div>
    </main>
  );
}
