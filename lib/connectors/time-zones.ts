// Time zone names, checked against the runtime's own list: node-cron 4's validate() takes no
// zone (a bad one would only fail when scheduled), and formatters must not silently fall back to UTC.
import { z } from "zod";

let zones: Set<string> | undefined;
/**
 * The zone's name as the runtime lists it (`Intl.supportedValuesOf('timeZone')`), also for an
 * alias or another letter case (asia/kolkata, Etc/UTC); null when it is no time zone.
 */
export function canonicalTimeZone(zone: string): string | null {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  if (zones.has(zone)) return zone;
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    return zones.has(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** A zone name (default UTC), stored as the runtime lists it; an unknown one names the problem. */
export const timeZoneSchema = z
  .string()
  .trim()
  .default("UTC")
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone || "UTC");
    if (canonical) return canonical;
    ctx.addIssue({ code: "custom", message: `Unknown time zone "${zone}": choose one such as Europe/Paris or UTC.` });
    return z.NEVER;
  });
