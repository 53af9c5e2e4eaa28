// `?limit=&cursor=` of list endpoints, checked at the edge so a wrong limit is a 400 that says so
// rather than being silently clamped.
import { z } from "zod";
import { MAX_PAGE_SIZE } from "@/lib/items/items";
import { parseOrThrow } from "@/lib/validation";

const limitMessage = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`;

const pageQuerySchema = z.object({
  limit: z.coerce.number({ error: limitMessage }).int(limitMessage).min(1, limitMessage).max(MAX_PAGE_SIZE, limitMessage).default(50),
  cursor: z.string().min(1, "cursor must not be empty.").max(200, "cursor is not one this API returned.").optional(),
});

export function pageQuery(request: Request): { limit: number; cursor?: string } {
  const params = new URL(request.url).searchParams;
  return parseOrThrow(pageQuerySchema, { limit: params.get("limit") ?? undefined, cursor: params.get("cursor") ?? undefined });
}
