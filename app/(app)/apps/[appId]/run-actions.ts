"use server";
// Re-runs from the Run history pages of both environments. The services check the role, the
// account and the app; the environment comes from the page.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runHistoryPath } from "@/app/(app)/apps/[appId]/paths";
import { ENVIRONMENT_KINDS } from "@/db/schema";
import { userAction } from "@/lib/auth/action";
import { appRunScope } from "@/lib/runs/history";
import { rerunFailedRuns, rerunRun, RERUN_VERSIONS } from "@/lib/runs/rerun";
import { parseRunQuery } from "@/lib/runs/run-query";

const targetSchema = z.object({
  env: z.enum(ENVIRONMENT_KINDS),
  appId: z.string().min(1),
  version: z.enum(RERUN_VERSIONS, { error: "Choose the original version or the latest version." }),
});

export const rerunRunAction = userAction(targetSchema.extend({ runId: z.coerce.number().int().positive() }), (data, user) => {
  const runId = rerunRun(user, appRunScope(user, data.env, data.appId), data.runId, data.version);
  const base = runHistoryPath(data.env, data.appId);
  revalidatePath(base, "layout");
  return { ok: true, message: `Queued run #${runId}, a re-run of run #${data.runId}.`, data: { runHref: `${base}/${runId}`, runLabel: `run #${runId}` } };
});

/** The form carries the history's filters as hidden inputs: the same query the page showed. */
export const rerunFailedRunsAction = userAction(targetSchema, (data, user, formData) => {
  const fields = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const ids = rerunFailedRuns(user, appRunScope(user, data.env, data.appId), parseRunQuery(fields), data.version);
  revalidatePath(runHistoryPath(data.env, data.appId), "layout");
  return { ok: true, message: ids.length === 0 ? "No failed run matches this filter any more." : `Queued ${ids.length} ${ids.length === 1 ? "re-run" : "re-runs"}.` };
});
