// GET /apps/<appId>/builder/deploy/export: the app's Development integrations as a JSON download,
// for builders and admins (the app builder's, like the Deploy page).
import { errorResponse } from "@/lib/api/error-response";
import { requireRole } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/session";
import { appOfAccount } from "@/lib/apps/apps";
import { exportFileName, exportIntegrations } from "@/lib/integrations/export";

export async function GET(_request: Request, { params }: { params: Promise<{ appId: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "unauthorized", message: "Sign in to export integrations." } }, { status: 401 });
  try {
    const { appId } = await params;
    const app = appOfAccount(user, appId);
    requireRole(user, "builder", "export integrations");
    const file = exportIntegrations(user, app.id);
    return new Response(`${JSON.stringify(file, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(app.name)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
