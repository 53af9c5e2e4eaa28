import { redirect } from "next/navigation";
import { loadApp } from "@/app/(app)/apps/[appId]/load-app";
import { listBoards } from "@/db/queries/apps";

export default async function ProductionAppPage({ params }: { params: Promise<{ appId: string }> }) {
  const { app, canBuild } = await loadApp((await params).appId);
  const [first] = listBoards(app.id, "production");
  if (first) redirect(`/apps/${app.id}/boards/${first.id}`);
  return (
    <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
      This app has no boards yet.{canBuild ? " Click Edit app to add one in the app builder." : ""}
    </p>
  );
}
