import { describe, expect, it } from "vitest";
import {
  listReferences,
  lookUp,
  MAX_PATH_DEPTH,
  referenceToInsert,
  resolveInput,
  resolveJsonTemplate,
  resolveTemplate,
  TemplateError,
  type TemplateData,
} from "@/lib/integrations/templates";

const data: TemplateData = {
  trigger: { id: "itm_1", Name: "Ada Lovelace", values: { amount: 42, name: "  ada  ", paid: true, note: null, tags: ["a", "b"] }, createdAt: "2025-01-01T09:00:00.000Z" },
  steps: {
    create_item: { id: "itm_2", values: { name: "ADA" } },
    find: { items: [{ id: "itm_3" }, { id: "itm_4" }], count: 2 },
  },
};

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error("Expected a TemplateError");
}

describe("mapping templates", () => {
  it("looks up the trigger's fields, earlier steps' outputs and array items by index", () => {
    expect(resolveTemplate("{{trigger.Name}}", data)).toBe("Ada Lovelace");
    expect(resolveTemplate("{{trigger.values.amount}}", data)).toBe(42);
    expect(resolveTemplate("{{steps.create_item.id}}", data)).toBe("itm_2");
    expect(resolveTemplate("{{steps.find.items.0.id}}", data)).toBe("itm_3");
    expect(resolveTemplate("{{ steps.find.items.1.id }}", data)).toBe("itm_4");
  });

  it("keeps the JSON type of a value that is exactly one reference", () => {
    expect(resolveTemplate("{{trigger.values.paid}}", data)).toBe(true);
    expect(resolveTemplate("{{trigger.values.tags}}", data)).toEqual(["a", "b"]);
    expect(resolveTemplate("{{steps.create_item.values}}", data)).toEqual({ name: "ADA" });
    expect(resolveTemplate(" {{trigger.values.amount}} ", data)).toBe(42);
    expect(resolveTemplate("{{trigger.values.missing}}", data)).toBeNull();
    expect(resolveTemplate("{{trigger.values.note}}", data)).toBeNull();
  });

  it("turns text mixed with references into text", () => {
    expect(resolveTemplate("Order {{trigger.id}} for {{trigger.values.amount}} EUR", data)).toBe("Order itm_1 for 42 EUR");
    expect(resolveTemplate("tags: {{trigger.values.tags}}", data)).toBe('tags: ["a","b"]');
    expect(resolveTemplate("[{{trigger.values.missing}}]", data)).toBe("[]");
    expect(resolveTemplate("no references }} here", data)).toBe("no references }} here");
  });

  it("applies the named formatters after a pipe", () => {
    expect(resolveTemplate("{{trigger.Name | upper}}", data)).toBe("ADA LOVELACE");
    expect(resolveTemplate("{{trigger.Name|lower}}", data)).toBe("ada lovelace");
    expect(resolveTemplate("[{{trigger.values.name | trim}}]", data)).toBe("[ada]");
    expect(resolveTemplate("{{trigger.values.tags | json}}", data)).toBe('["a","b"]');
    expect(resolveTemplate("{{trigger.values.missing | json}}", data)).toBe("null");
    expect(resolveTemplate('{{trigger.values.note | default:"none"}}', data)).toBe("none");
    expect(resolveTemplate('{{trigger.values.missing | default:"a | b }} \\"c\\"" | upper}}', data)).toBe('A | B }} "C"');
    expect(resolveTemplate('{{trigger.values.amount | default:"0"}}', data)).toBe(42);
  });

  it("lists every reference of a template, for validation", () => {
    expect(listReferences("Hi {{trigger.Name}}, see {{steps.find.items.0.id | upper}}").map((r) => r.path)).toEqual([
      ["trigger", "Name"],
      ["steps", "find", "items", "0", "id"],
    ]);
    expect(listReferences("plain text")).toEqual([]);
  });

  it("never evaluates code: prototype names are refused, and look-ups only follow own data", () => {
    expect(errorOf(() => resolveTemplate("{{constructor.constructor}}", data)).message).toContain("not allowed");
    expect(errorOf(() => resolveTemplate("{{trigger.constructor}}", data)).message).toContain('"constructor" is not allowed');
    expect(errorOf(() => resolveTemplate("{{trigger.__proto__.polluted}}", data)).message).toContain('"__proto__" is not allowed');
    expect(errorOf(() => resolveTemplate("{{steps.find.prototype}}", data)).message).toContain("not allowed");
    expect(errorOf(() => resolveTemplate("{{process.env.SECRET}}", data)).message).toContain("must start with trigger or steps");
    expect(errorOf(() => resolveTemplate("{{trigger.a; fetch('x')}}", data)).message).toContain("is not a path");
    expect(errorOf(() => resolveTemplate("{{trigger['values']}}", data)).message).toContain("is not a path");
    expect(errorOf(() => resolveTemplate("{{trigger.Name | eval}}", data)).message).toContain('"eval" is not a formatter');
    expect(errorOf(() => resolveTemplate("{{trigger.Name | upper:\"x\"}}", data)).message).toContain("upper takes no argument");
    // Even a hand-built path does not reach inherited members.
    expect(lookUp(data, ["trigger", "toString"])).toBeUndefined();
    expect(lookUp(data, ["trigger", "values", "tags", "length"])).toBeUndefined();
    expect(lookUp({ trigger: Object.create({ inherited: 1 }) }, ["trigger", "inherited"])).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("follows deep paths and refuses absurdly deep ones", () => {
    let deep: Record<string, unknown> = { leaf: "found" };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const path = `trigger${".next".repeat(20)}.leaf`;
    expect(resolveTemplate(`{{${path}}}`, { trigger: deep as never, steps: {} })).toBe("found");
    expect(resolveTemplate(`{{trigger${".next".repeat(25)}}}`, { trigger: deep as never, steps: {} })).toBeNull();
    expect(errorOf(() => resolveTemplate(`{{trigger${".a".repeat(MAX_PATH_DEPTH)}}}`, data)).message).toContain("too deep");
  });

  it("says clearly where a template is broken", () => {
    expect(errorOf(() => resolveTemplate("Hello {{trigger.Name", data)).message).toBe('The reference starting at character 7 ("{{trigger.Name") is not closed: end it with }}.');
    expect(errorOf(() => resolveTemplate("{{trigger.a {{trigger.b}}", data)).message).toContain("is not closed");
    expect(errorOf(() => resolveTemplate("{{}}", data)).message).toContain("is empty");
    expect(errorOf(() => resolveTemplate("{{steps}}", data)).message).toContain("must name a step");
    expect(errorOf(() => resolveTemplate("{{trigger..id}}", data)).message).toContain("is not a path");
    expect(errorOf(() => resolveTemplate('{{trigger.id | default:"x}}', data)).message).toContain("is not closed");
  });

  it("resolves JSON inputs inside their strings, so a value cannot break out of its quotes", () => {
    const hostile: TemplateData = { trigger: { name: 'Ada", "admin": true, "x": "', amount: 7 }, steps: {} };
    expect(resolveJsonTemplate('{"name": "{{trigger.name}}", "amount": "{{trigger.amount}}", "label": "#{{trigger.amount}}"}', hostile)).toEqual({
      name: 'Ada", "admin": true, "x": "',
      amount: 7,
      label: "#7",
    });
    expect(resolveJsonTemplate("{{trigger}}", hostile)).toEqual(hostile.trigger);
    expect(resolveJsonTemplate("  ", hostile)).toBeUndefined();
    const proto = resolveJsonTemplate('{"__proto__": {"polluted": "{{trigger.name}}"}}', hostile) as Record<string, unknown>;
    expect(Object.hasOwn(proto, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorOf(() => resolveJsonTemplate('{"amount": {{trigger.amount}}}', hostile)).message).toContain("not valid JSON");
  });

  it("resolves a step's input: JSON inputs as JSON, empty text left out, other values kept", () => {
    const input = { boardId: "brd_1", values: '{"name": "{{trigger.Name | upper}}", "amount": "{{trigger.values.amount}}"}', note: "", limit: 5, flag: false, nothing: null };
    expect(resolveInput(input, data, { jsonKeys: ["values"] })).toEqual({ boardId: "brd_1", values: { name: "ADA LOVELACE", amount: 42 }, limit: 5, flag: false, nothing: null });
  });

  describe("Insert data", () => {
    /** Types `before`, picks `reference` from Insert data at the cursor, then types `after`. */
    const typed = (before: string, reference: string, after: string, json = true) => before + referenceToInsert(reference, { json, textBefore: before }) + after;

    it("quotes a reference put into a JSON input outside a string, so the JSON is valid and the value keeps its type", () => {
      const values = typed(typed('{"title": ', "trigger.values.name", ', "total": '), "trigger.values.amount", "}");
      expect(values).toBe('{"title": "{{trigger.values.name}}", "total": "{{trigger.values.amount}}"}');
      expect(resolveJsonTemplate(values, data)).toEqual({ title: "  ada  ", total: 42 });
      // An empty JSON input takes the whole value, an object included.
      expect(typed("", "steps.create_item.values", "")).toBe('"{{steps.create_item.values}}"');
      expect(resolveJsonTemplate(typed("", "steps.create_item.values", ""), data)).toEqual({ name: "ADA" });
      expect(resolveJsonTemplate(typed("[", "trigger.values.tags", "]"), data)).toEqual([["a", "b"]]);
    });

    it("puts a reference bare inside a JSON string, where it reads as text, escaped quotes included", () => {
      const values = typed('{"title": "Order of ', "trigger.Name", '"}');
      expect(values).toBe('{"title": "Order of {{trigger.Name}}"}');
      expect(resolveJsonTemplate(values, data)).toEqual({ title: "Order of Ada Lovelace" });
      expect(typed('{"say \"hi\"": "to ', "trigger.Name", '"}')).toBe('{"say \"hi\"": "to {{trigger.Name}}"}');
      expect(typed('{"a": "b", "c": ', "trigger.id", "}")).toBe('{"a": "b", "c": "{{trigger.id}}"}');
    });

    it("puts a reference bare into a text input", () => {
      expect(typed('Order "', "trigger.Name", '"', false)).toBe('Order "{{trigger.Name}}"');
    });
  });
});
