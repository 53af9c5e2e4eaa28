"use server";
// "Turn on all ready" on the All integrations tab (the switch of each row is in
// app/(app)/apps/[appId]/switch-actions.ts, shared with the app builder). The service checks the role, the
// account and whether the connections are ready.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { toActionError, type ActionState } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { turnOnAllReady } from "@/lib/integrations/production-switch";
import { parseOrThrow } from "@/lib/validation";

const allPath = (appId: string) => `/apps/${appId}/manage/integrations/all`;

export async function turnOnAllReadyAction(rawTarget: { appId: string }, _previous: ActionState): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    const { appId } = parseOrThrow(z.object({ appId: z.string().min(1) }), rawTarget);
    const result = turnOnAllReady(user, appId);
    revalidatePath(allPath(appId));
    const turned = result.turnedOn.length > 0 ? `Turned on: ${result.turnedOn.map((i) => i.name).join(", ")}.` : "No integration was ready to turn on.";
    const off = result.stayOff.map((i) => `${i.name} stays off: ${i.reasons.join(" ")}`);
    return { ok: true, message: [turned, ...off].join(" ") };
  } catch (error) {
    return toActionError(error);
  }
}
