// One line about a run's trigger item for lists and CSV: "name: Blue widgets · amount: 3". A board
// item shows its values and a webhook its body, where the person's data is; other triggers show
// what they carry.
const SEPARATOR = " · ";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `key: value` of every leaf, depth first, named by its nearest key. */
function leaves(value: unknown, key: string | null, out: string[], max: number): void {
  if (out.length >= max) return;
  if (Array.isArray(value)) {
    for (const element of value) leaves(element, key, out, max);
  } else if (isRecord(value)) {
    for (const [childKey, child] of Object.entries(value)) leaves(child, childKey, out, max);
  } else if (value !== null && value !== undefined && value !== "") {
    out.push(key === null ? String(value) : `${key}: ${String(value)}`);
  }
}

export function summarizeTrigger(data: unknown, maxLength = 120): string {
  const focus = isRecord(data) && isRecord(data.values) ? data.values : isRecord(data) && data.body !== undefined ? data.body : data;
  const parts: string[] = [];
  leaves(focus, null, parts, 12);
  const line = parts.join(SEPARATOR).replace(/\s+/g, " ");
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
