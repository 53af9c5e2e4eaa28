import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { runDetailJson } from "@/lib/api/serialize";
import { NotFoundError } from "@/lib/errors";
import { environmentRunScope, getRun, RUN_NOT_FOUND } from "@/lib/runs/history";

export const dynamic = "force-dynamic";

const runIdSchema = z.coerce.number().int().positive();

/** One run of the key's environment with its steps and re-runs. */
export const GET = apiRoute<{ runId: string }>(({ actor, environment, params }) => {
  const runId = runIdSchema.safeParse(params.runId);
  if (!runId.success) throw new NotFoundError(RUN_NOT_FOUND);
  return Response.json(runDetailJson(getRun(environmentRunScope(actor, environment), runId.data)));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
