// Delay: waits before the next step. Capped, because a waiting step holds a worker: longer waits
// belong to a schedule, not to a step.
import { z } from "zod";
import { ConnectorError, defineAction } from "@/lib/connectors/framework";

export const MAX_DELAY_SECONDS = 300;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ConnectorError("The delay was cancelled.", { transient: true }));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ConnectorError("The delay was cancelled.", { transient: true }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const input = z.object({
  seconds: z.coerce
    .number({ error: "Seconds must be a number." })
    .min(0, "Seconds must be 0 or more.")
    .max(MAX_DELAY_SECONDS, `Seconds must be at most ${MAX_DELAY_SECONDS} (5 minutes).`),
});

export const delay = defineAction<z.infer<typeof input>>({
  key: "delay",
  name: "Delay",
  description: `Waits a number of seconds (at most ${MAX_DELAY_SECONDS}) before the next step.`,
  props: [{ key: "seconds", label: "Seconds", type: "number", required: true, mappable: true }],
  input,
  sampleOutput: { waitedSeconds: 5 },
  async run(ctx) {
    await sleep(ctx.input.seconds * 1000, ctx.signal);
    return { waitedSeconds: ctx.input.seconds };
  },
});
