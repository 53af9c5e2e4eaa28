"use server";
// The deploy page's writes: deploy to Production (confirmed from the preview), and import
// integrations from an export file.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deployPath } from "@/app/(app)/apps/[appId]/paths";
import { toActionError, type ActionState } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { deploy } from "@/lib/deploy/deploy";
import { ValidationError } from "@/lib/errors";
import { importIntegrations, MAX_IMPORT_BYTES } from "@/lib/integrations/export";
import { parseOrThrow } from "@/lib/validation";

const appSchema = z.object({ appId: z.string().min(1) });
const basedOnSchema = z.object({ basedOn: z.coerce.number().int().min(0) });

export async function deployAction(rawTarget: { appId: string }, _previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  let number: number;
  let appId: string;
  try {
    appId = parseOrThrow(appSchema, rawTarget).appId;
    const { basedOn } = parseOrThrow(basedOnSchema, { basedOn: formData.get("basedOn") });
    number = deploy(user, appId, { basedOn }).number;
  } catch (error) {
    return toActionError(error);
  }
  // Production pages (All integrations, Connections) changed too.
  revalidatePath(`/apps/${appId}`, "layout");
  redirect(`${deployPath(appId)}?deployed=${number}`);
}

export async function importIntegrationsAction(rawTarget: { appId: string }, _previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    const { appId } = parseOrThrow(appSchema, rawTarget);
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ValidationError("Choose an integrations file (JSON) to import.");
    if (file.size > MAX_IMPORT_BYTES) throw new ValidationError("The file is larger than 1 MiB. Nothing was imported.");
    const result = importIntegrations(user, appId, await file.text());
    revalidatePath(`/apps/${appId}`, "layout");
    const created = result.connectionsCreated.length > 0 ? ` Connections created (Connect now in the app builder): ${result.connectionsCreated.join(", ")}.` : "";
    return { ok: true, message: `Imported ${result.imported.length} integration${result.imported.length === 1 ? "" : "s"}: ${result.imported.map((i) => i.name).join(", ")}.${created}` };
  } catch (error) {
    return toActionError(error);
  }
}
