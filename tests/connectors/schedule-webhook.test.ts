import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { getConnector } from "@/lib/connectors/registry";
import { cronExpressionOf, scheduleOptionsSchema } from "@/lib/connectors/schedule";
import { signPayload, verifySignature } from "@/lib/connectors/webhook/signature";
import { parseOrThrow } from "@/lib/validation";
import { errorOf } from "../support/fixtures";

const options = (input: unknown) => parseOrThrow(scheduleOptionsSchema, input);
const problem = async (input: unknown) => {
  const error = await errorOf(() => options(input));
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).message;
};

describe("Schedule options", () => {
  it("accepts a valid cron expression in a time zone, and keeps the zone's listed name", () => {
    expect(options({ mode: "cron", expression: "0 9 * * 1-5", timeZone: "Europe/Paris" })).toEqual({ mode: "cron", expression: "0 9 * * 1-5", timeZone: "Europe/Paris" });
    expect(cronExpressionOf(options({ mode: "cron", expression: " */15 * * * * ", timeZone: "utc" }))).toEqual({ expression: "*/15 * * * *", timeZone: "UTC" });
    // Six fields (with seconds) are node-cron syntax too.
    expect(options({ mode: "cron", expression: "30 0 12 * * *" }).timeZone).toBe("UTC");
  });

  it("refuses an invalid cron expression, naming the problem", async () => {
    expect(await problem({ mode: "cron", expression: "61 * * * *", timeZone: "UTC" })).toBe(
      "The cron expression is not valid: 61 is a invalid expression for minute. Example: 0 9 * * 1-5 (9:00 on weekdays).",
    );
    expect(await problem({ mode: "cron", expression: "every day", timeZone: "UTC" })).toMatch(/^The cron expression is not valid: expected 5 or 6 fields but got 2/);
    expect(await problem({ mode: "cron", expression: "", timeZone: "UTC" })).toBe("Cron expression is required.");
  });

  it("refuses an unknown time zone", async () => {
    expect(await problem({ mode: "cron", expression: "0 9 * * *", timeZone: "Mars/Olympus" })).toBe('Unknown time zone "Mars/Olympus": choose one such as Europe/Paris or UTC.');
    expect(await problem({ mode: "every_n_minutes", minutes: 5, timeZone: "Nowhere" })).toMatch(/^Unknown time zone "Nowhere"/);
  });

  it("turns every N minutes into a cron expression, within 1..1440", async () => {
    const cron = (minutes: unknown) => cronExpressionOf(options({ mode: "every_n_minutes", minutes })).expression;
    expect(cron(1)).toBe("* * * * *");
    expect(cron("15")).toBe("*/15 * * * *");
    expect(cron(60)).toBe("0 * * * *");
    expect(cron(360)).toBe("0 */6 * * *");
    expect(cron(1440)).toBe("0 0 * * *");
    expect(await problem({ mode: "every_n_minutes", minutes: 0 })).toBe("Every N minutes must be at least 1.");
    expect(await problem({ mode: "every_n_minutes", minutes: 1441 })).toBe("Every N minutes must be at most 1440 (one day).");
    expect(await problem({ mode: "every_n_minutes", minutes: 2.5 })).toBe("Every N minutes must be a whole number.");
    // 7 minutes would restart at every hour: said, not silently approximated.
    expect(await problem({ mode: "every_n_minutes", minutes: 7 })).toMatch(/^Every N minutes must divide an hour .* use a cron expression for other intervals\.$/);
  });

  it("is a schedule trigger of a connector that needs no connection", () => {
    const schedule = getConnector("schedule")!;
    expect(schedule.auth.kind).toBe("none");
    expect(schedule.triggers.map((t) => [t.name, t.type])).toEqual([["Schedule", "schedule"]]);
  });
});

describe("Webhook signatures", () => {
  const secret = "whsec_0123456789abcdef";
  const body = '{"id":1,"email":"ada@example.com"}';

  it("accepts the right signature of the exact body", () => {
    const header = signPayload(secret, body);
    expect(header).toBe(`sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`);
    expect(verifySignature(secret, body, header)).toBe(true);
    expect(verifySignature(secret, Buffer.from(body), header.toUpperCase().replace("SHA256=", "sha256="))).toBe(true);
  });

  it("refuses a wrong signature, another body or another secret", () => {
    const header = signPayload(secret, body);
    expect(verifySignature(secret, body.replace("1", "2"), header)).toBe(false);
    expect(verifySignature("another-secret-value", body, header)).toBe(false);
    const flipped = header.slice(0, -1) + (header.endsWith("0") ? "1" : "0");
    expect(verifySignature(secret, body, flipped)).toBe(false);
  });

  it("refuses a missing or malformed header and one of a different length, without throwing", () => {
    for (const header of [undefined, null, "", "sha256=", "sha1=" + "a".repeat(40), signPayload(secret, body).slice(0, -2), signPayload(secret, body) + "ab", "a".repeat(64)]) {
      expect(verifySignature(secret, body, header), String(header)).toBe(false);
    }
  });

  it("declares a Catch webhook trigger and an optional signing secret", () => {
    const webhook = getConnector("webhook")!;
    expect(webhook.triggers.map((t) => [t.name, t.type])).toEqual([["Catch webhook", "webhook"]]);
    expect(webhook.auth.kind === "fields" && webhook.auth.optional).toBe(true);
    expect(webhook.auth.kind === "fields" && webhook.auth.fields.map((f) => [f.key, f.secret])).toEqual([["signingSecret", true]]);
  });
});
