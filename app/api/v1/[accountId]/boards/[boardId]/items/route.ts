import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { pageQuery } from "@/lib/api/page-query";
import { postItems } from "@/lib/api/post-items";
import { itemJson } from "@/lib/api/serialize";
import { listItems } from "@/lib/items/items";

export const dynamic = "force-dynamic";

/** Newest first; pass `nextCursor` back as `cursor` for the next page. */
export const GET = apiRoute<{ boardId: string }>(({ request, actor, environment, params }) => {
  const page = listItems(actor, environment, params.boardId, pageQuery(request));
  return Response.json({ data: page.items.map(itemJson), nextCursor: page.nextCursor });
});

export const POST = apiRoute<{ boardId: string }>(({ request, actor, environment, params }) =>
  postItems({ request, actor, environment, boardId: params.boardId }),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
