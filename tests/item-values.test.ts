import { describe, expect, it } from "vitest";
import type { BoardField } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { parseItemValues, valuesFromForm } from "@/lib/items/values";
import { errorOf } from "./support/fixtures";

const field = (key: string, type: BoardField["type"], extra: Partial<BoardField> = {}): BoardField => ({
  key,
  label: key[0].toUpperCase() + key.slice(1),
  type,
  required: false,
  ...extra,
});

const FIELDS: BoardField[] = [
  field("name", "text", { required: true }),
  field("amount", "number"),
  field("due", "date"),
  field("status", "select", { options: ["Open", "Done"] }),
  field("contact", "email"),
  field("paid", "checkbox"),
];

/** The field errors of a refused parse. */
async function fieldErrors(fields: BoardField[], input: unknown, options?: { partial?: boolean }) {
  const error = await errorOf(() => parseItemValues(fields, input, options));
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

const one = (f: BoardField, value: unknown) => parseItemValues([f], { [f.key]: value })[f.key];

describe("item values", () => {
  it("accept a full item of every field type", () => {
    const values = parseItemValues(FIELDS, {
      name: "Widget",
      amount: 12.5,
      due: "2026-03-31",
      status: "Open",
      contact: "ada@example.com",
      paid: true,
    });
    expect(values).toEqual({ name: "Widget", amount: 12.5, due: "2026-03-31", status: "Open", contact: "ada@example.com", paid: true });
  });

  it("store missing optional fields as empty, and an unticked checkbox as false", () => {
    expect(parseItemValues(FIELDS, { name: "Widget" })).toEqual({
      name: "Widget",
      amount: null,
      due: null,
      status: null,
      contact: null,
      paid: false,
    });
  });

  it("must be an object of field keys", async () => {
    for (const input of [null, "name=x", [], 3]) {
      expect(() => parseItemValues(FIELDS, input)).toThrow("Item values must be an object of field keys to values.");
    }
  });

  it("refuse unknown field keys, naming each one", async () => {
    const errors = await fieldErrors(FIELDS, { name: "Widget", colour: "red", size: 3 });
    expect(errors).toEqual({ colour: 'The board has no field "colour".', size: 'The board has no field "size".' });
  });

  it("name every wrong field at once", async () => {
    const errors = await fieldErrors(FIELDS, { name: "", amount: "many", due: "soon", paid: "yes" });
    expect(Object.keys(errors ?? {}).sort()).toEqual(["amount", "due", "name", "paid"]);
  });

  it("work with a field whose key is also an object property name", () => {
    const constructorField = field("constructor", "text");
    expect(parseItemValues([constructorField], {})).toEqual({ constructor: null });
    expect(parseItemValues([constructorField], {}, { partial: true })).toEqual({});
    expect(parseItemValues([constructorField], { constructor: "Bob & Sons" })).toEqual({ constructor: "Bob & Sons" });
  });
});

describe("text values", () => {
  const text = field("note", "text");

  it("are kept as typed, up to 10,000 characters", async () => {
    expect(one(text, "  spaced  ")).toBe("  spaced  ");
    expect(one(text, "x".repeat(10_000))).toHaveLength(10_000);
    expect(await fieldErrors([text], { note: "x".repeat(10_001) })).toEqual({ note: "Note must be at most 10000 characters." });
  });

  it("must be strings", async () => {
    expect(await fieldErrors([text], { note: 42 })).toEqual({ note: "Note must be text." });
  });
});

describe("number values", () => {
  const amount = field("amount", "number");

  it("are taken from numbers or numeric strings", () => {
    expect(one(amount, 0)).toBe(0);
    expect(one(amount, -3.25)).toBe(-3.25);
    expect(one(amount, "12.5")).toBe(12.5);
    expect(one(amount, " 7 ")).toBe(7);
    expect(one(amount, "-2")).toBe(-2);
    expect(one(amount, "1e3")).toBe(1000);
  });

  it("refuse text that is not a number", async () => {
    for (const value of ["abc", "12abc", "1,5", "0x10", true]) {
      expect(await fieldErrors([amount], { amount: value })).toEqual({ amount: "Amount must be a number." });
    }
  });

  it("refuse infinities and NaN", async () => {
    for (const value of [Infinity, -Infinity, NaN, "Infinity"]) {
      expect((await fieldErrors([amount], { amount: value }))?.amount).toMatch(/^Amount must be a (finite )?number\.$/);
    }
    expect(await fieldErrors([amount], { amount: "1e400" })).toEqual({ amount: "Amount must be a finite number." });
  });
});

describe("date values", () => {
  const due = field("due", "date");

  it("are real calendar dates written YYYY-MM-DD", () => {
    expect(one(due, "2026-02-28")).toBe("2026-02-28");
    expect(one(due, "2024-02-29")).toBe("2024-02-29");
    expect(one(due, " 2026-12-31 ")).toBe("2026-12-31");
  });

  it("refuse days that do not exist and other formats", async () => {
    for (const value of ["2026-02-30", "2025-02-29", "2026-13-01", "2026-04-31", "2026-3-1", "31/03/2026", "2026-03-01T10:00:00Z", 20260301]) {
      expect(await fieldErrors([due], { due: value })).toEqual({ due: "Due must be a date (YYYY-MM-DD)." });
    }
  });
});

describe("select values", () => {
  const status = field("status", "select", { options: ["Open", "In progress", "Done"] });

  it("must be one of the choices, exactly", async () => {
    expect(one(status, "In progress")).toBe("In progress");
    for (const value of ["open", "Closed", 1]) {
      expect(await fieldErrors([status], { status: value })).toEqual({ status: "Status must be one of: Open, In progress, Done." });
    }
  });
});

describe("email values", () => {
  const contact = field("contact", "email");

  it("must be email addresses", async () => {
    expect(one(contact, " ada@example.com ")).toBe("ada@example.com");
    for (const value of ["ada", "ada@", "@example.com", "ada example@x.com"]) {
      expect(await fieldErrors([contact], { contact: value })).toEqual({ contact: "Contact must be an email address." });
    }
  });
});

describe("checkbox values", () => {
  const paid = field("paid", "checkbox");

  it("are true or false, nothing else", async () => {
    expect(one(paid, true)).toBe(true);
    expect(one(paid, false)).toBe(false);
    expect(one(paid, null)).toBe(false);
    for (const value of ["true", 1, "on"]) {
      expect(await fieldErrors([paid], { paid: value })).toEqual({ paid: "Paid must be true or false." });
    }
  });
});

describe("required fields", () => {
  it("refuse missing, empty and blank values", async () => {
    for (const input of [{}, { name: null }, { name: "" }, { name: "   " }]) {
      expect(await fieldErrors(FIELDS, input)).toEqual({ name: "Name is required." });
    }
  });

  it("accept zero and false as values", () => {
    const fields = [field("count", "number", { required: true }), field("agreed", "checkbox", { required: true })];
    expect(parseItemValues(fields, { count: 0, agreed: false })).toEqual({ count: 0, agreed: false });
  });
});

describe("partial values, for updates", () => {
  it("leave out the fields not sent, required or not", () => {
    expect(parseItemValues(FIELDS, { amount: "3" }, { partial: true })).toEqual({ amount: 3 });
    expect(parseItemValues(FIELDS, {}, { partial: true })).toEqual({});
  });

  it("still check the fields sent", async () => {
    expect(await fieldErrors(FIELDS, { name: "", due: "2026-02-30" }, { partial: true })).toEqual({
      name: "Name is required.",
      due: "Due must be a date (YYYY-MM-DD).",
    });
    expect(await fieldErrors(FIELDS, { nope: 1 }, { partial: true })).toEqual({ nope: 'The board has no field "nope".' });
  });

  it("clear an optional field sent empty", () => {
    expect(parseItemValues(FIELDS, { amount: "" }, { partial: true })).toEqual({ amount: null });
  });
});

describe("form values", () => {
  function form(entries: Record<string, string>): FormData {
    const data = new FormData();
    for (const [key, value] of Object.entries(entries)) data.set(key, value);
    return data;
  }

  it("are read from inputs named field:<key>, ignoring other inputs", () => {
    const data = form({ "field:name": "Widget", "field:amount": "12", "field:paid": "on", "field:status": "Done", $ACTION_ID: "x" });
    expect(valuesFromForm(FIELDS, data)).toEqual({
      name: "Widget",
      amount: "12",
      due: null,
      status: "Done",
      contact: null,
      paid: true,
    });
  });

  it("turn an unticked checkbox into false", () => {
    expect(valuesFromForm(FIELDS, form({ "field:name": "Widget" })).paid).toBe(false);
  });

  it("then parse into typed values", () => {
    const data = form({ "field:name": "Widget", "field:amount": " 12.5 ", "field:due": "2026-03-01", "field:contact": "" });
    expect(parseItemValues(FIELDS, valuesFromForm(FIELDS, data))).toEqual({
      name: "Widget",
      amount: 12.5,
      due: "2026-03-01",
      status: null,
      contact: null,
      paid: false,
    });
  });
});
