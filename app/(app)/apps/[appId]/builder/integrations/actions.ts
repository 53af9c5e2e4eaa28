"use server";
// Actions of Logic > Integration and of the integration editor. The services check the user's
// role and account; these parse the form, call them and say what happened.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { EditorAnswer } from "@/components/integrations/editor-model";
import { toActionError, userAction } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import type { JsonValue } from "@/lib/connectors/framework";
import { archiveIntegration, createIntegration, duplicateIntegration, integrationNameSchema, renameIntegration, restoreIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { testIntegration } from "@/lib/integrations/test-run";
import { DefinitionError } from "@/lib/integrations/validate-definition";

const ids = { appId: z.string().min(1), integrationId: z.string().min(1) };
const listPath = (appId: string) => `/apps/${appId}/builder/integrations`;

export const createIntegrationAction = userAction(integrationNameSchema.extend({ appId: ids.appId }), (data, user) => {
  const integration = createIntegration(user, data.appId, { name: data.name });
  revalidatePath(listPath(data.appId));
  redirect(`${listPath(data.appId)}/${integration.id}`);
});

export const renameIntegrationAction = userAction(z.object({ ...ids, name: z.string() }), (data, user) => {
  const integration = renameIntegration(user, data.integrationId, { name: data.name });
  revalidatePath(listPath(data.appId), "layout");
  return { ok: true, message: `Renamed to "${integration.name}".` };
});

export const duplicateIntegrationAction = userAction(z.object(ids), (data, user) => {
  const copy = duplicateIntegration(user, data.integrationId);
  revalidatePath(listPath(data.appId));
  return { ok: true, message: `Duplicated as "${copy.name}".` };
});

export const archiveIntegrationAction = userAction(z.object(ids), (data, user) => {
  const integration = archiveIntegration(user, data.integrationId);
  revalidatePath(listPath(data.appId), "layout");
  return { ok: true, message: `"${integration.name}" archived.` };
});

export const restoreIntegrationAction = userAction(z.object(ids), (data, user) => {
  const integration = restoreIntegration(user, data.integrationId);
  revalidatePath(listPath(data.appId), "layout");
  return { ok: true, message: `"${integration.name}" restored.` };
});

async function withUser(run: (user: NonNullable<Awaited<ReturnType<typeof currentUser>>>) => Promise<EditorAnswer>): Promise<EditorAnswer> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    return await run(user);
  } catch (error) {
    if (error instanceof DefinitionError) return { error: "The integration was not saved.", problems: error.problems, fieldErrors: error.fieldErrors };
    return toActionError(error);
  }
}

/** Saves the whole definition the editor holds (checked whole by the service, or not saved). */
export async function saveDefinitionAction(appId: string, integrationId: string, definition: unknown): Promise<EditorAnswer> {
  return withUser(async (user) => {
    const saved = saveDefinition(user, integrationId, definition);
    revalidatePath(listPath(appId));
    return { ok: true, message: "Saved.", savedAt: saved.updatedAt };
  });
}

const testOptionsSchema = z.object({
  stepId: z.string().min(1).optional(),
  sample: z.string().max(100_000, "The sample data must be at most 100,000 characters.").optional(),
  previousOutputs: z.record(z.string(), z.any()).optional(),
});

/** Saves, then tests the saved integration (or one of its steps). */
export async function testIntegrationAction(appId: string, integrationId: string, definition: unknown, rawOptions: z.input<typeof testOptionsSchema>): Promise<EditorAnswer> {
  return withUser(async (user) => {
    const options = testOptionsSchema.parse(rawOptions);
    let sample: JsonValue | undefined;
    if (options.sample && options.sample.trim() !== "") {
      try {
        sample = JSON.parse(options.sample) as JsonValue;
      } catch {
        return { error: "The sample trigger data is not valid JSON.", fieldErrors: { sample: "This is not valid JSON." } };
      }
    }
    saveDefinition(user, integrationId, definition);
    revalidatePath(listPath(appId));
    const result = await testIntegration(user, integrationId, { sample, stepId: options.stepId, previousOutputs: options.previousOutputs as Record<string, JsonValue> | undefined });
    return { ok: true, result };
  });
}
