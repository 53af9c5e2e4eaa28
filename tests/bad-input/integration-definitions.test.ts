// Integration definitions as the editor saves them (saveDefinitionAction takes any JSON the
// browser sends), the schedule trigger's options, and integration names, with random and mutated
// input: accepted and stored as checked, or refused with a DefinitionError whose every line names
// the trigger or the step ("Step 2 (Create invoice): …") and whose keys name the field, with the
// stored definition unchanged.
import { fc, it } from "@fast-check/vitest";
import cron from "node-cron";
import { beforeAll, describe, expect } from "vitest";
import { integrations } from "@/db/schema";
import { cronExpressionOf, scheduleOptionsSchema } from "@/lib/connectors/schedule";
import { MAX_STEPS, type IntegrationDefinition, type StepConfig } from "@/lib/integrations/definition";
import type { IntegrationView } from "@/lib/integrations/integration-view";
import { createIntegration, getIntegration, renameIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { DefinitionError } from "@/lib/integrations/validate-definition";
import { AppError } from "@/lib/errors";
import { countRows } from "../support/fixtures";
import { fullDefinition, integrationAccount, type IntegrationAccount } from "../integrations/support";
import { anyText, expectFieldMessagesNamed, expectReadable, nonTextJson, OBJECT_KEYS, textOfLength } from "./support";

let a: IntegrationAccount;
let integrationId: string;

beforeAll(async () => {
  a = await integrationAccount();
  integrationId = createIntegration(a.admin, a.app.id, { name: "Order sync" }).id;
});

/** What a call threw, or null when it returned. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
    return null;
  } catch (error) {
    return error;
  }
}

/**
 * Saves `definition` over a valid one. Accepted: stored as the check returned it. Refused: a
 * DefinitionError whose lines each name the trigger, a step or the integration, whose keys are
 * paths to the fields at fault, and nothing stored.
 */
function save(definition: unknown): DefinitionError | null {
  const before = saveDefinition(a.admin, integrationId, fullDefinition(a));
  let saved: IntegrationView | undefined;
  const error = thrownBy(() => (saved = saveDefinition(a.admin, integrationId, definition)));
  const after = getIntegration(a.admin, integrationId);
  if (error === null) {
    expect(after.definition).toEqual(saved!.definition);
    return null;
  }
  expect(error, String(error)).toBeInstanceOf(DefinitionError);
  expect({ definition: after.definition, updatedAt: after.updatedAt }).toEqual({ definition: before.definition, updatedAt: before.updatedAt });
  const refused = error as DefinitionError;
  expectReadable(refused.message);
  for (const line of refused.problems) {
    expectReadable(line);
    expect(line).toMatch(/^(Trigger|Integration|Step \d+ \(.*?\)): \S/s);
  }
  for (const [key, message] of Object.entries(refused.fieldErrors)) {
    expectReadable(message);
    expect(key).toMatch(/^(definition|trigger|steps)(\.|$)/);
    // A step's field is explained on a line that carries the number and name of its step.
    const step = /^steps\.(\d+)\./.exec(key);
    if (step) expect(refused.problems.join("\n")).toContain(`Step ${Number(step[1]) + 1} (`);
  }
  return refused;
}

describe("a definition that is any JSON at all", () => {
  const definitionLike = fc.oneof(
    fc.jsonValue(),
    fc.record({ trigger: fc.jsonValue({ maxDepth: 2 }), steps: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.dictionary(fc.oneof(fc.constantFrom("id", "name", "connectorKey", "actionKey", "connectionId", "input", ...OBJECT_KEYS), fc.string()), fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 })) }, { requiredKeys: [] }),
  );

  it.prop([definitionLike], { numRuns: 80 })("is saved as checked, or refused line by line naming the trigger or the step with nothing stored", (definition) => {
    save(definition);
  });
});

/** A path into the full definition (trigger → formatter → create item → email) and what to put there. */
type Change = { path: (string | number)[]; value: unknown } | { path: (string | number)[]; remove: true };

const LEAVES: (string | number)[][] = [
  ["trigger", "connectorKey"], ["trigger", "triggerKey"], ["trigger", "connectionId"], ["trigger", "options", "boardId"],
  ...[0, 1, 2].flatMap((step) => ["id", "name", "connectorKey", "actionKey", "connectionId"].map((key) => ["steps", step, key])),
  ["steps", 0, "input", "operation"], ["steps", 0, "input", "value"], ["steps", 1, "input", "boardId"], ["steps", 1, "input", "values"],
  ["steps", 2, "input", "to"], ["steps", 2, "input", "subject"], ["steps", 2, "input", "text"],
];
const TEMPLATES = ["{{", "}}", "{{ }}", "{{}}", "{{trigger.__proto__}}", "{{trigger.constructor.name}}", "{{steps}}", "{{steps.shout.result | nope}}", '{{trigger.values.name | default:"x}}', "{{trigger.values.name}}", "{{steps.notify.messageId}}", "{{ {{trigger.id}} }}"];
const junk = fc.oneof(anyText(), nonTextJson(), fc.constantFrom(...TEMPLATES), fc.constantFrom(...TEMPLATES).chain((template) => fc.string().map((text) => `${text}${template}${text}`)), fc.constant(null), textOfLength(100_001, 150_000));
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ path: fc.constantFrom(...LEAVES), value: junk }),
  fc.record({ path: fc.constantFrom(...LEAVES), remove: fc.constant(true as const) }),
  fc.record({ path: fc.tuple(fc.constantFrom<(string | number)[]>(["steps", 0, "input"], ["steps", 2, "input"], ["trigger", "options"], ["steps", 1], []), fc.oneof(fc.string(), fc.constantFrom(...OBJECT_KEYS))).map(([base, key]) => [...base, key]), value: junk }),
);

/** The definition with `changes` made (on a deep copy); own keys only, so `__proto__` stays a key. */
function changed(definition: IntegrationDefinition, changes: Change[]): unknown {
  const copy = JSON.parse(JSON.stringify(definition));
  for (const c of changes) {
    const parent = c.path.slice(0, -1).reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), copy);
    if (parent === null || typeof parent !== "object") continue;
    const key = c.path.at(-1)!;
    if ("remove" in c) delete parent[key];
    else Object.defineProperty(parent, key, { value: c.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

describe("a valid definition with random changes", () => {
  it.prop([fc.array(change, { minLength: 1, maxLength: 3 })], { numRuns: 120 })("is saved as checked, or refused naming the step and field, with nothing stored", (changes) => {
    save(changed(fullDefinition(a), changes));
  });

  it.prop([fc.constantFrom<(string | number)[]>(["steps", 0, "input", "value"], ["steps", 2, "input", "subject"], ["steps", 2, "input", "text"], ["steps", 1, "input", "values"]), fc.constantFrom(...TEMPLATES), fc.string()], { numRuns: 60 })(
    "with a broken template in one input is refused naming exactly that input of that step",
    (path, template, text) => {
      const error = save(changed(fullDefinition(a), [{ path, value: `${text}${template}` }]));
      if (error === null) return;
      expect(Object.keys(error.fieldErrors)).toEqual([path.join(".")]);
      expect(error.problems[0]).toMatch(new RegExp(`^Step ${Number(path[1]) + 1} \\(`));
    },
  );

  it.prop([fc.integer({ min: MAX_STEPS + 1, max: MAX_STEPS + 30 })], { numRuns: 5 })("with more than 50 steps is refused saying so", (count) => {
    const steps: StepConfig[] = Array.from({ length: count }, (_, i) => ({ ...fullDefinition(a).steps[0], id: `shout_${i}` }));
    const error = save({ ...fullDefinition(a), steps });
    expect(error?.fieldErrors).toEqual({ steps: `An integration has at most ${MAX_STEPS} steps.` });
  });
});

describe("schedule trigger options", () => {
  // Mostly plausible values, so that both sides of the rule are exercised.
  const plausible = <T>(likely: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: likely, weight: 3 }, { arbitrary: other, weight: 1 });
  const cronField = plausible(
    fc.constantFrom("*", "*/5", "0", "30", "1-5", "1,2,3", "MON-FRI", "JAN", "5-1"),
    fc.oneof(fc.constantFrom("*/0", "61", "-1", "L", "?", "#", "1/2", "**", ""), fc.integer({ min: -5, max: 100 }).map(String), fc.string({ maxLength: 4 })),
  );
  const expression = plausible(
    fc.array(cronField, { minLength: 5, maxLength: 5 }).map((fields) => fields.join(" ")),
    fc.oneof(fc.array(cronField, { minLength: 1, maxLength: 8 }).map((fields) => fields.join(" ")), anyText(), fc.constantFrom("@daily", "0 0 31 2 *", "{{trigger.id}} * * * *")),
  );
  const timeZone = plausible(
    fc.constantFrom("UTC", "Europe/Paris", "europe/paris", "Asia/Kolkata", "US/Pacific", "Etc/GMT+5", "GMT", ""),
    fc.oneof(fc.constantFrom("Mars/Olympus", "Europe/Paris ", "../../etc/passwd"), fc.constantFrom(...Intl.supportedValuesOf("timeZone")).map((zone) => zone.toUpperCase()), anyText()),
  );
  const options = fc.record(
    {
      mode: plausible(fc.constantFrom("cron", "every_n_minutes"), anyText()),
      expression,
      minutes: plausible(fc.constantFrom(1, 5, 15, "30", 60, 120, 1440), fc.oneof(fc.integer({ min: -10, max: 2000 }), fc.integer().map(String), anyText())),
      timeZone,
    },
    { requiredKeys: ["mode"] },
  );

  it.prop([options], { numRuns: 100 })("are saved only when the scheduler can run them, else refused naming the option", (options) => {
    const trigger = { connectorKey: "schedule", triggerKey: "schedule", connectionId: null, options };
    const error = save({ trigger, steps: [] });
    if (error === null) {
      // What was accepted is what node-cron will be given: it must take it.
      const { expression, timeZone } = cronExpressionOf(scheduleOptionsSchema.parse(getIntegration(a.admin, integrationId).definition.trigger!.options));
      const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
      void task.destroy();
      return;
    }
    for (const key of Object.keys(error.fieldErrors)) expect(key).toMatch(/^trigger\.options\.(mode|expression|minutes|timeZone)$/);
    for (const line of error.problems) expect(line).toMatch(/^Trigger: /);
  });
});

describe("integration names", () => {
  const name = fc.oneof(anyText(), nonTextJson(), fc.constantFrom("", " ", "Order sync"));

  it.prop([name], { numRuns: 60 })("create one integration named as entered, or are refused naming the field with nothing written", (raw) => {
    const before = countRows(integrations);
    let created: ReturnType<typeof createIntegration> | undefined;
    const error = thrownBy(() => (created = createIntegration(a.admin, a.app.id, { name: raw })));
    if (error === null) {
      expect(countRows(integrations)).toBe(before + 1);
      expect(created!.name).toBe(String(raw).trim());
      return;
    }
    expect(error).toBeInstanceOf(AppError);
    expectFieldMessagesNamed((error as AppError).fieldErrors, (key) => (key === "name" ? "name" : null));
    expect(countRows(integrations)).toBe(before);
  });

  it.prop([name], { numRuns: 40 })("rename as entered, or are refused naming the field and the name stays", (raw) => {
    const { id, name: before } = createIntegration(a.admin, a.app.id, { name: `Rename me ${crypto.randomUUID()}` });
    const error = thrownBy(() => renameIntegration(a.admin, id, { name: raw }));
    const after = getIntegration(a.admin, id).name;
    if (error === null) {
      expect(after).toBe(String(raw).trim());
      return;
    }
    expect(error).toBeInstanceOf(AppError);
    expectFieldMessagesNamed((error as AppError).fieldErrors, (key) => (key === "name" ? "name" : null));
    expect(after).toBe(before);
  });
});
