import { beforeAll, describe, expect, it } from "vitest";
import { csvCell, runsCsvStream } from "@/lib/runs/csv";
import { appRunScope, type AppRunScope } from "@/lib/runs/history";
import { parseRunQuery } from "@/lib/runs/run-query";
import { historyAccount, orders, queue, ranAs, type HistoryAccount } from "./support";

/** Parses RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}

/** Keeps the byte order mark, which `Response.text()` would drop. */
const decoder = () => new TextDecoder("utf-8", { ignoreBOM: true });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return decoder().decode(await new Response(stream).arrayBuffer());
}

let a: HistoryAccount;
let scope: AppRunScope;

beforeAll(async () => {
  a = await historyAccount();
  scope = appRunScope(a.admin, "production", a.app.id);
});

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["+49 30 1234", "'+49 30 1234"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tTAB", "'\tTAB"],
    ['=HYPERLINK("http://x.test","a, b")', '"\'=HYPERLINK(""http://x.test"",""a, b"")"'],
    [42, "42"],
    [null, ""],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe("CSV export of runs", () => {
  it("streams a header, then the filtered runs newest first, with their failures, and neutralises formulas in item values", async () => {
    const [okRun] = ranAs(a.prod, a.feed.id, [{ body: { name: "=cmd|' /C calc'!A0", note: 'comma, "quote"\nline' } }], { status: "succeeded" });
    const [failedRun] = ranAs(a.prod, a.audit.id, orders("Broken"), { status: "failed", error: 'Step "Format": refused, "really"' });
    const [queuedRun] = queue(a.prod, a.audit.id, orders("Waiting"));
    const text = await readAll(runsCsvStream(scope, parseRunQuery({})));
    expect(text.startsWith("\uFEFFRun,Integration,Status,Source,Version,")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(["Run", "Integration", "Status", "Source", "Version", "Created (UTC)", "Started (UTC)", "Finished (UTC)", "Duration (ms)", "Attempts", "Trigger item", "Error", "Re-run of"]);
    expect(rows.map((row) => Number(row[0]))).toEqual([queuedRun, failedRun, okRun]);
    const byId = Object.fromEntries(rows.map((row) => [Number(row[0]), Object.fromEntries(header.map((name, i) => [name, row[i]]))]));
    expect(byId[okRun]).toMatchObject({ Integration: "Order feed", Status: "Succeeded", Source: "Webhook", Version: "Version 1", "Duration (ms)": expect.stringMatching(/^\d+$/), Error: "", "Re-run of": "" });
    expect(byId[okRun]["Trigger item"]).toBe(`name: =cmd|' /C calc'!A0 · note: comma, "quote" line`);
    expect(byId[failedRun]).toMatchObject({ Status: "Failed", Error: 'Step "Format": refused, "really"' });
    expect(byId[queuedRun]).toMatchObject({ Status: "Queued", "Started (UTC)": "", "Finished (UTC)": "", "Duration (ms)": "" });
    expect(byId[queuedRun]["Created (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // A cell holding a formula starts with a quote in the file, whatever the item held.
    expect(text).not.toMatch(/(^|,|")=cmd/m);

    const failedOnly = parseCsv((await readAll(runsCsvStream(scope, parseRunQuery({ status: "failed" })))).slice(1));
    expect(failedOnly.slice(1).map((row) => Number(row[0]))).toEqual([failedRun]);
  });

  it("reads one page of runs at a time as the reader asks, and writes every run once", async () => {
    const b = await historyAccount("Bulk Co");
    const ids = ranAs(b.prod, b.feed.id, orders(...Array.from({ length: 1234 }, (_, i) => `bulk ${i}`)), { status: "succeeded" });
    const reader = runsCsvStream(appRunScope(b.admin, "production", b.app.id), parseRunQuery({}), 100).getReader();
    const utf8 = decoder();
    const linesPerChunk: number[] = [];
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const part = utf8.decode(chunk.value);
      linesPerChunk.push(part.split("\r\n").length - 1);
      text += part;
    }
    // The header, twelve full pages and a last one of 34.
    expect(linesPerChunk).toEqual([1, ...Array(12).fill(100), 34]);
    const rows = parseCsv(text.slice(1)).slice(1);
    expect(rows.map((row) => Number(row[0]))).toEqual([...ids].reverse());
  });
});
