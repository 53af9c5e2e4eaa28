// `POST .../boards/<boardId>/items`: one values object makes one item (201, the item), an array of
// 1..100 makes that many in one transaction (201, `{ data }`), all or none. Honours Idempotency-Key.
import type { Environment } from "@/db/schema";
import { respondIdempotently, idempotencyKeyOf, requestHash } from "@/lib/api/idempotency";
import { readJsonBody } from "@/lib/api/json-body";
import { itemJson } from "@/lib/api/serialize";
import type { Actor } from "@/lib/auth/actor";
import { boardOfAccount } from "@/lib/boards/boards";
import { ValidationError } from "@/lib/errors";
import { insertItems, MAX_ITEMS_PER_CREATE } from "@/lib/items/items";

type PostItems = { request: Request; actor: Actor; environment: Environment; boardId: string };

export async function postItems({ request, actor, environment, boardId }: PostItems): Promise<Response> {
  const key = idempotencyKeyOf(request);
  const board = boardOfAccount(actor, boardId, environment.kind);
  const body = await readJsonBody(request);
  const many = Array.isArray(body);
  if (!many && (typeof body !== "object" || body === null)) {
    throw new ValidationError(
      `Send one item's values as a JSON object keyed by field key, or an array of up to ${MAX_ITEMS_PER_CREATE} such objects.`,
    );
  }
  return respondIdempotently(environment.id, key, requestHash(request, body), (tx) => {
    const created = insertItems(tx, actor, environment, board, many ? body : [body]);
    return { status: 201, body: many ? { data: created.map(itemJson) } : itemJson(created[0]) };
  });
}
