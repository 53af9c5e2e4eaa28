import { apiRoute } from "@/lib/api/api-route";
import { readJsonBody } from "@/lib/api/json-body";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { itemJson } from "@/lib/api/serialize";
import { deleteItem, getItem, updateItem } from "@/lib/items/items";

export const dynamic = "force-dynamic";

type Params = { itemId: string };

export const GET = apiRoute<Params>(({ actor, environment, params }) => Response.json(itemJson(getItem(actor, environment, params.itemId))));

/** Partial values: only the fields sent change. */
export const PATCH = apiRoute<Params>(async ({ request, actor, environment, params }) => {
  const patch = await readJsonBody(request);
  return Response.json(itemJson(updateItem(actor, environment, params.itemId, patch)));
});

export const DELETE = apiRoute<Params>(({ actor, environment, params }) => {
  deleteItem(actor, environment, params.itemId);
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
