// GET …/runs/export?<filters>: the runs a Run history filter shows, as a CSV download streamed
// page by page. The same handler serves both environments' history; Development's, like its
// page, is the app builder's (builders and admins).
import type { EnvironmentKind } from "@/db/schema";
import { errorResponse } from "@/lib/api/error-response";
import { appOfAccount } from "@/lib/apps/apps";
import { requireRole } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/session";
import { appFileName } from "@/lib/file-name";
import { runsCsvStream } from "@/lib/runs/csv";
import { appRunScope } from "@/lib/runs/history";
import { parseRunQuery } from "@/lib/runs/run-query";

export function runsExportHandler(env: EnvironmentKind) {
  return async function GET(request: Request, { params }: { params: Promise<{ appId: string }> }): Promise<Response> {
    const user = await currentUser();
    if (!user) return Response.json({ error: { code: "unauthorized", message: "Sign in to export runs." } }, { status: 401 });
    try {
      const app = appOfAccount(user, (await params).appId);
      if (env === "development") requireRole(user, "builder", "export Development runs");
      const query = parseRunQuery(new URL(request.url).searchParams);
      const fileName = appFileName(app.name, `${env}-runs-${new Date().toISOString().slice(0, 10)}.csv`);
      return new Response(runsCsvStream(appRunScope(user, env, app.id), query), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
