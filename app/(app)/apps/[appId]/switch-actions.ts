"use server";
// The On/Off switch of an integration in either environment (Production: All integrations;
// Development: Logic > Integration), and the catch-up offered after turning one on. The
// services check the role, the account and whether it may be turned on.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ENVIRONMENT_KINDS, type EnvironmentKind } from "@/db/schema";
import { toActionError, type ActionState } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { dismissCatchUp, runCatchUp } from "@/lib/integrations/catch-up";
import { turnOffDevelopment, turnOnDevelopment } from "@/lib/integrations/development-switch";
import { turnOff, turnOn } from "@/lib/integrations/production-switch";
import { parseOrThrow } from "@/lib/validation";

export type SwitchTarget = { env: EnvironmentKind; appId: string; integrationId: string };

const targetSchema = z.object({ env: z.enum(ENVIRONMENT_KINDS), appId: z.string().min(1), integrationId: z.string().min(1) });

function listPath(target: SwitchTarget): string {
  return target.env === "production" ? `/apps/${target.appId}/manage/integrations/all` : `/apps/${target.appId}/builder/integrations`;
}

async function withTarget(rawTarget: SwitchTarget, run: (user: NonNullable<Awaited<ReturnType<typeof currentUser>>>, target: SwitchTarget) => ActionState): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  try {
    const target = parseOrThrow(targetSchema, rawTarget);
    const state = run(user, target);
    revalidatePath(listPath(target));
    return state;
  } catch (error) {
    return toActionError(error);
  }
}

export async function switchIntegrationAction(rawTarget: SwitchTarget, _previous: ActionState, formData: FormData): Promise<ActionState> {
  return withTarget(rawTarget, (user, target) => {
    const { on } = parseOrThrow(z.object({ on: z.enum(["true", "false"], { error: "Choose on or off." }) }), { on: formData.get("on") });
    const production = target.env === "production";
    const view = on === "true" ? (production ? turnOn : turnOnDevelopment)(user, target.integrationId) : (production ? turnOff : turnOffDevelopment)(user, target.integrationId);
    return { ok: true, message: `${view.name} is ${view.enabled ? "on" : "off"}.` };
  });
}

export async function catchUpAction(rawTarget: SwitchTarget, _previous: ActionState, formData: FormData): Promise<ActionState> {
  return withTarget(rawTarget, (user, target) => {
    const { decision } = parseOrThrow(z.object({ decision: z.enum(["run", "dismiss"], { error: "Choose to run them or not." }) }), { decision: formData.get("decision") });
    if (decision === "dismiss") {
      dismissCatchUp(user, target.env, target.integrationId);
      return { ok: true, message: "The items that arrived while it was off will not run." };
    }
    const { name, runs } = runCatchUp(user, target.env, target.integrationId);
    return { ok: true, message: runs === 0 ? `Nothing to catch up for ${name}.` : `Queued ${runs} run${runs === 1 ? "" : "s"} for ${name}.` };
  });
}
