import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { boardJson } from "@/lib/api/serialize";
import { boardOfAccount } from "@/lib/boards/boards";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ boardId: string }>(({ actor, environment, params }) => Response.json(boardJson(boardOfAccount(actor, params.boardId, environment.kind), environment.kind)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
