import { apiRoute } from "@/lib/api/api-route";
import { appJson } from "@/lib/api/serialize";
import { appOfAccount } from "@/lib/apps/apps";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ appId: string }>(({ actor, params }) => Response.json(appJson(appOfAccount(actor, params.appId))));
