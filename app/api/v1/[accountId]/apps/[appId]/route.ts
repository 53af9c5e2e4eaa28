import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { appJson } from "@/lib/api/serialize";
import { appOfAccount } from "@/lib/apps/apps";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ appId: string }>(({ actor, params }) => Response.json(appJson(appOfAccount(actor, params.appId))));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
