import { listAccountApps } from "@/db/queries/apps";
import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { appJson } from "@/lib/api/serialize";

export const dynamic = "force-dynamic";

export const GET = apiRoute(({ actor }) => Response.json({ data: listAccountApps(actor.accountId).map(appJson) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
