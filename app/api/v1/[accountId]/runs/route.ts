import { apiRoute } from "@/lib/api/api-route";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";
import { runJson } from "@/lib/api/serialize";
import { environmentRunScope, findRuns } from "@/lib/runs/history";
import { parseRunQuery } from "@/lib/runs/run-query";

export const dynamic = "force-dynamic";

/** The key's environment's runs, newest first, with Run history's filters; pass `nextCursor` back as `cursor`. */
export const GET = apiRoute(({ request, actor, environment }) => {
  const query = parseRunQuery(new URL(request.url).searchParams);
  const page = findRuns(environmentRunScope(actor, environment, query.appId), query);
  return Response.json({ data: page.runs.map(runJson), nextCursor: page.older === null ? null : String(page.older) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
