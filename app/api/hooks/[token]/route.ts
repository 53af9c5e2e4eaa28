// Catch webhook: POST /api/hooks/<token>. The token is checked before the body is read, so a
// forged address costs no upload; the body is capped at 1 MiB. Requests arriving together are
// committed together (lib/group-commit.ts). Answers 202 with the runs queued, once they are stored.
import { errorResponse } from "@/lib/api/error-response";
import { readBodyBytes } from "@/lib/api/json-body";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { inGroupCommit } from "@/lib/group-commit";
import { receiveWebhook, webhookTarget } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  let response: Response;
  try {
    const target = webhookTarget((await context.params).token);
    const receivedAt = new Date();
    const body = await readBodyBytes(request);
    const runIds = await inGroupCommit(() => receiveWebhook({ target, body, headers: request.headers, receivedAt }));
    response = Response.json({ runs: runIds.length, runIds }, { status: 202 });
  } catch (error) {
    response = errorResponse(error, request);
  }
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
