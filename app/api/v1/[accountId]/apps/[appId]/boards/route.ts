import { listBoards } from "@/db/queries/apps";
import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { boardJson } from "@/lib/api/serialize";
import { appOfAccount } from "@/lib/apps/apps";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ appId: string }>(({ actor, environment, params }) => {
  const app = appOfAccount(actor, params.appId);
  return Response.json({ data: listBoards(app.id, environment.kind).map((board) => boardJson(board, environment.kind)) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
