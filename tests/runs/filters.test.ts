// Every Run history filter and their combinations, on runs queued day by day (the clock set to
// each day) in a database of their own, so run IDs grow with their days as they do in real use.
import { beforeAll, expect, it, vi } from "vitest";
import { createApp } from "@/lib/apps/apps";
import { deploy } from "@/lib/deploy/deploy";
import { appRunScope, findRuns, type AppRunScope } from "@/lib/runs/history";
import { parseRunQuery, type RunQuery } from "@/lib/runs/run-query";
import { errorOf } from "../support/fixtures";
import { finish, historyAccount, orders, queue, ranAs, webhookIntegration, type HistoryAccount } from "./support";

const query = (params: Record<string, string> = {}): RunQuery => parseRunQuery(params);
const descending = (ids: number[]) => [...ids].sort((x, y) => y - x);

let b: HistoryAccount;
let bScope: AppRunScope;
// Integrations whose runs b's app never shows: another app's of b, and another account's.
let elsewhere: { otherApp: string; otherAccount: string };
// Every run of b, in the order it was queued, with what each was given.
const runs: { id: number; integration: "feed" | "audit"; status: string; day: string; name: string }[] = [];

function at(day: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${day}T12:00:00Z`));
}

function add(day: string, integration: "feed" | "audit", status: "succeeded" | "failed" | "filtered" | "queued", ...names: string[]) {
  at(day);
  const ids = queue(b.prod, b[integration].id, orders(...names));
  if (status !== "queued") finish(ids, { status, error: status === "failed" ? `Refused ${names[0]}` : undefined });
  ids.forEach((id, index) => runs.push({ id, integration, status, day, name: names[index] }));
}

const expected = (keep: (run: (typeof runs)[number]) => boolean) => descending(runs.filter(keep).map((run) => run.id));

beforeAll(async () => {
  // Another account's run in the same database, which no filter of b may show.
  const other = await historyAccount("Other Co");
  ranAs(other.prod, other.feed.id, orders("Ada Elsewhere"), { status: "failed" });
  b = await historyAccount("Filters Co");
  bScope = appRunScope(b.admin, "production", b.app.id);
  const shipping = createApp(b.admin, { name: "Shipping" });
  const labels = webhookIntegration(b.admin, shipping.id, "Labels");
  deploy(b.admin, shipping.id);
  ranAs(b.prod, labels.id, orders("Ada Shipping"), { status: "failed" });
  elsewhere = { otherApp: labels.id, otherAccount: other.feed.id };
  add("2026-01-10", "feed", "succeeded", "Ada Lovelace", "Grace Hopper");
  add("2026-01-10", "audit", "failed", "Alan Turing");
  add("2026-01-11", "feed", "failed", "Ada Byron", "Edsger Dijkstra");
  add("2026-01-12", "audit", "filtered", "Barbara Liskov");
  add("2026-01-12", "feed", "succeeded", "Donald Knuth");
  add("2026-01-13", "audit", "succeeded", "Margaret Hamilton");
  // Queued last: ending later runs would claim it.
  add("2026-01-13", "feed", "queued", "Ada Queued");
  vi.useRealTimers();
});

const pageIds = (params: Record<string, string>) => {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = findRuns(bScope, query({ ...params, limit: "2", ...(cursor ? { cursor } : {}) }));
    ids.push(...page.runs.map((run) => run.id));
    cursor = page.older === null ? undefined : String(page.older);
  } while (cursor);
  return ids;
};

it("filters by integration", () => {
  expect(pageIds({ integrationId: b.feed.id })).toEqual(expected((run) => run.integration === "feed"));
  expect(pageIds({ integrationId: b.audit.id })).toEqual(expected((run) => run.integration === "audit"));
});

it("filters by status", () => {
  for (const status of ["succeeded", "failed", "filtered", "queued", "running"]) {
    expect(pageIds({ status })).toEqual(expected((run) => run.status === status));
  }
});

it("filters by dates, both days included, in UTC", () => {
  expect(pageIds({ from: "2026-01-11", to: "2026-01-12" })).toEqual(expected((run) => run.day === "2026-01-11" || run.day === "2026-01-12"));
  expect(pageIds({ from: "2026-01-13" })).toEqual(expected((run) => run.day === "2026-01-13"));
  expect(pageIds({ to: "2026-01-10" })).toEqual(expected((run) => run.day === "2026-01-10"));
  expect(pageIds({ from: "2026-01-11T12:00:00Z", to: "2026-01-12T12:00:00Z" })).toEqual(expected((run) => run.day === "2026-01-11" || run.day === "2026-01-12"));
  expect(pageIds({ from: "2026-02-01" })).toEqual([]);
  expect(pageIds({ to: "2025-12-31" })).toEqual([]);
});

it("searches the words of the trigger item, every word required, whatever their case and accents", () => {
  expect(pageIds({ q: "ada" })).toEqual(expected((run) => run.name.startsWith("Ada")));
  expect(pageIds({ q: "ADA byron" })).toEqual(expected((run) => run.name === "Ada Byron"));
  expect(pageIds({ q: "Knüth" })).toEqual(expected((run) => run.name === "Donald Knuth"));
  expect(pageIds({ q: "Lovelace Turing" })).toEqual([]);
});

it("combines every filter", () => {
  expect(pageIds({ integrationId: b.feed.id, status: "failed", from: "2026-01-11", to: "2026-01-13", q: "ada" })).toEqual(expected((run) => run.name === "Ada Byron"));
  expect(pageIds({ integrationId: b.feed.id, status: "succeeded", q: "ada" })).toEqual(expected((run) => run.name === "Ada Lovelace"));
  expect(pageIds({ status: "failed", from: "2026-01-10", to: "2026-01-10" })).toEqual(expected((run) => run.name === "Alan Turing"));
  expect(pageIds({ integrationId: b.audit.id, from: "2026-01-12" })).toEqual(expected((run) => run.integration === "audit" && run.day >= "2026-01-12"));
  expect(pageIds({ integrationId: b.audit.id, status: "failed", q: "ada" })).toEqual([]);
});

it("never shows another account's or another environment's runs", () => {
  expect(pageIds({ q: "ada", status: "failed" })).toEqual(expected((run) => run.name === "Ada Byron"));
  expect(pageIds({}).sort()).toEqual(runs.map((run) => run.id).sort());
  expect(findRuns(appRunScope(b.admin, "development", b.app.id), query()).runs).toEqual([]);
});

it("shows nothing for an integration of another app or another account, whatever else the filter says", () => {
  for (const integrationId of [elsewhere.otherApp, elsewhere.otherAccount]) {
    expect(pageIds({ integrationId })).toEqual([]);
    expect(pageIds({ integrationId, status: "failed" })).toEqual([]);
    expect(pageIds({ integrationId, q: "ada" })).toEqual([]);
  }
});

it("refuses wrong filters with a message naming the field", async () => {
  for (const [params, field, message] of [
    [{ status: "done" }, "status", "Status must be one of queued, running, succeeded, failed, filtered."],
    [{ from: "yesterday" }, "from", "From must be a date such as 2025-01-31 (or an ISO 8601 time such as 2025-01-31T09:00:00Z)."],
    [{ from: "2026-01-12", to: "2026-01-11" }, "to", "From must be on or before To."],
    [{ q: "x".repeat(201) }, "q", "Search must be at most 200 characters."],
  ] as const) {
    const error = (await errorOf(() => query(params))) as { fieldErrors: Record<string, string> };
    expect(error.fieldErrors[field]).toBe(message);
  }
});
