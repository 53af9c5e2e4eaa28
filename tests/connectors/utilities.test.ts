import { describe, expect, it } from "vitest";
import { ConnectorError } from "@/lib/connectors/framework";
import { delay, MAX_DELAY_SECONDS } from "@/lib/connectors/utilities/delay";
import { filter } from "@/lib/connectors/utilities/filter";
import { formatter } from "@/lib/connectors/utilities/formatter";
import { parseOrThrow } from "@/lib/validation";
import { testContext } from "../support/connectors";
import { errorOf } from "../support/fixtures";

// Runs an action the way the engine will: input through the action's zod schema, then `run`.
async function run<I>(action: { input: { parse(value: unknown): I }; run(ctx: never): Promise<unknown> }, raw: unknown, signal?: AbortSignal) {
  const ctx = { ...testContext(undefined), input: action.input.parse(raw), idempotencyKey: "run_1:step_1", signal };
  return action.run(ctx as never);
}

const passes = async (field: unknown, operator: string, value?: unknown) => ((await run(filter, { field, operator, value })) as { passed: boolean }).passed;
const format = async (input: Record<string, unknown>) => ((await run(formatter, input)) as { result: unknown }).result;

describe("Filter", () => {
  it("equals and not equals compare numbers as numbers and text as trimmed text", async () => {
    expect(await passes("Open", "equals", "Open")).toBe(true);
    expect(await passes(" Open ", "equals", "Open")).toBe(true);
    expect(await passes("open", "equals", "Open")).toBe(false);
    expect(await passes(3, "equals", "3.0")).toBe(true);
    expect(await passes(true, "equals", "true")).toBe(true);
    expect(await passes("Open", "not_equals", "Closed")).toBe(true);
    expect(await passes(3, "not_equals", "3")).toBe(false);
  });

  it("contains ignores case", async () => {
    expect(await passes("Urgent: server down", "contains", "URGENT")).toBe(true);
    expect(await passes("All good", "contains", "urgent")).toBe(false);
  });

  it("greater and less compare numbers, then ISO dates, and say so for anything else", async () => {
    expect(await passes("10", "greater", 9)).toBe(true);
    expect(await passes(2, "greater", "10")).toBe(false);
    expect(await passes(2, "less", "10")).toBe(true);
    expect(await passes("2025-03-01", "greater", "2025-02-28T23:00:00Z")).toBe(true);
    expect(await passes("2025-03-01", "less", "2025-02-28")).toBe(false);
    const error = await errorOf(() => passes("apple", "greater", 3));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toBe('"is greater than" compares numbers or dates; got "apple" and "3".');
  });

  it("is empty and is not empty treat blank text, null, missing, [] and {} as empty", async () => {
    for (const empty of [undefined, null, "", "   ", [], {}]) {
      expect(await passes(empty, "is_empty"), JSON.stringify(empty)).toBe(true);
      expect(await passes(empty, "is_not_empty"), JSON.stringify(empty)).toBe(false);
    }
    for (const full of ["x", 0, false, [1], { a: 1 }]) expect(await passes(full, "is_not_empty"), JSON.stringify(full)).toBe(true);
  });

  it("refuses an unknown operator at the edge", () => {
    expect(() => parseOrThrow(filter.input, { field: "a", operator: "matches" })).toThrow("Choose a condition.");
  });
});

describe("Formatter", () => {
  it("changes text: upper, lower, trim, replace every occurrence", async () => {
    expect(await format({ operation: "text_upper", value: "Ada Lovelace" })).toBe("ADA LOVELACE");
    expect(await format({ operation: "text_lower", value: "Ada Lovelace" })).toBe("ada lovelace");
    expect(await format({ operation: "text_trim", value: "  Ada  " })).toBe("Ada");
    expect(await format({ operation: "text_replace", value: "a-b-c", find: "-", replaceWith: "/" })).toBe("a/b/c");
    expect(await format({ operation: "text_replace", value: "1+1", find: "+", replaceWith: " plus " })).toBe("1 plus 1");
  });

  it("rounds and formats numbers", async () => {
    expect(await format({ operation: "number_round", value: "1.005", decimals: 2 })).toBe(1.01);
    expect(await format({ operation: "number_round", value: 2.5 })).toBe(3);
    expect(await format({ operation: "number_format", value: "1234567.891", decimals: 2, locale: "en-US" })).toBe("1,234,567.89");
    expect(await format({ operation: "number_format", value: "1234.5", decimals: 1, locale: "de-DE" })).toBe("1.234,5");
    const error = await errorOf(() => format({ operation: "number_round", value: "twelve" }));
    expect((error as Error).message).toBe('"twelve" is not a number.');
  });

  it("formats dates in a time zone", async () => {
    const value = "2025-07-14T22:30:00Z";
    expect(await format({ operation: "date_format", value, format: "YYYY-MM-DD HH:mm", timeZone: "UTC" })).toBe("2025-07-14 22:30");
    expect(await format({ operation: "date_format", value, format: "DD/MM/YYYY HH:mm:ss", timeZone: "Europe/Paris" })).toBe("15/07/2025 00:30:00");
    expect(await format({ operation: "date_format", value: String(Date.UTC(2025, 0, 2, 3, 4, 5)), format: "YYYY-MM-DD", timeZone: "America/New_York" })).toBe("2025-01-01");
  });

  it("adds days keeping the wall-clock time across a daylight-saving change", async () => {
    // Paris moves from +01:00 to +02:00 on 30 March 2025: 13:00 local stays 13:00 local.
    expect(await format({ operation: "date_add_days", value: "2025-03-29T12:00:00Z", days: 1, timeZone: "Europe/Paris" })).toBe("2025-03-30T11:00:00.000Z");
    expect(await format({ operation: "date_add_days", value: "2025-03-29T12:00:00Z", days: 1, timeZone: "UTC" })).toBe("2025-03-30T12:00:00.000Z");
    expect(await format({ operation: "date_add_days", value: "2025-01-31T09:00:00Z", days: -31, timeZone: "UTC" })).toBe("2024-12-31T09:00:00.000Z");
  });

  it("says what is wrong with a date or a time zone", async () => {
    expect((await errorOf(() => format({ operation: "date_format", value: "someday", timeZone: "UTC" })) as Error).message).toMatch(/^"someday" is not a date/);
    expect(() => parseOrThrow(formatter.input, { operation: "date_format", value: "2025-01-01", timeZone: "Mars/Olympus" })).toThrow(
      'Unknown time zone "Mars/Olympus": choose one such as Europe/Paris or UTC.',
    );
  });
});

describe("Delay", () => {
  it("waits the given seconds", async () => {
    const started = Date.now();
    expect(await run(delay, { seconds: 0.2 })).toEqual({ waitedSeconds: 0.2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("refuses more than the cap, and stops when the run is cancelled", async () => {
    expect(() => parseOrThrow(delay.input, { seconds: MAX_DELAY_SECONDS + 1 })).toThrow(`Seconds must be at most ${MAX_DELAY_SECONDS} (5 minutes).`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await errorOf(() => run(delay, { seconds: 60 }, controller.signal));
    expect(error).toMatchObject({ transient: true, message: "The delay was cancelled." });
  });
});
