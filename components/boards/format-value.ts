import type { BoardField, ItemValues } from "@/db/schema";

/** An item value as plain text for tables (React escapes it: values are never HTML). */
export function formatValue(field: BoardField, values: ItemValues): string {
  const value = values[field.key];
  if (value === null || value === undefined || value === "") return "—";
  if (field.type === "checkbox") return value ? "Yes" : "No";
  return String(value);
}
