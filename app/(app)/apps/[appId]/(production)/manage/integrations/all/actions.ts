"use server";
// The All integrations tab's writes: the On/Off switch and "Turn on all ready". The services
// check the role, the account and whether the connections are ready.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { toActionError, type ActionState } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { turnOff, turnOn, turnOnAllReady } from "@/lib/integrations/production-switch";
import { parseOrThrow } from "@/lib/validation";

const targetSchema = z.object({ appId: z.string().min(1), integrationId: z.string().min(1) });
const switchSchema = z.object({ on: z.enum(["true", "false"]) });

const allPath = (appId: string) => `/apps/${appId}/manage/integrations/all`;

export async function switchIntegrationAction(rawTarget: { appId: string; integrationId: string }, _previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    const target = parseOrThrow(targetSchema, rawTarget);
    const { on } = parseOrThrow(switchSchema, { on: formData.get("on") });
    const view = on === "true" ? turnOn(user, target.integrationId) : turnOff(user, target.integrationId);
    revalidatePath(allPath(target.appId));
    return { ok: true, message: `${view.name} is ${view.enabled ? "on" : "off"}.` };
  } catch (error) {
    return toActionError(error);
  }
}

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
