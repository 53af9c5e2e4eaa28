import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { claimRuns } from "@/db/queries/runs";
import type { Actor } from "@/lib/auth/actor";
import { listProductionIntegrations } from "@/lib/integrations/production-integrations";
import { appRunScope, appRunsThisMonth, findRuns, getRun, runsPerDay, type AppRunScope } from "@/lib/runs/history";
import { parseRunQuery, type RunQuery } from "@/lib/runs/run-query";
import { errorOf, newUser } from "../support/fixtures";
import { finish, historyAccount, orders, queue, ranAs, type HistoryAccount } from "./support";

let a: HistoryAccount;
let scope: AppRunScope;

const query = (params: Record<string, string> = {}): RunQuery => parseRunQuery(params);
const idsOf = (params: Record<string, string> = {}) => findRuns(scope, query(params)).runs.map((run) => run.id);

/** Every run of the query, page by page through `cursor`; `between` runs after each page. */
function walk(params: Record<string, string>, between: () => void = () => {}): number[] {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = findRuns(scope, query({ ...params, ...(cursor ? { cursor } : {}) }));
    ids.push(...page.runs.map((run) => run.id));
    cursor = page.older === null ? undefined : String(page.older);
    between();
  } while (cursor);
  return ids;
}

const descending = (ids: number[]) => [...ids].sort((x, y) => y - x);

beforeAll(async () => {
  a = await historyAccount();
  scope = appRunScope(a.admin, "production", a.app.id);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("paging", () => {
  it("lists runs newest first, 50 to a page by default, and pages by run ID without duplicates or gaps while runs are added", () => {
    const before = walk({});
    const first = ranAs(a.prod, a.feed.id, orders(...Array.from({ length: 120 }, (_, i) => `first ${i}`)), { status: "succeeded" });
    const page = findRuns(scope, query());
    expect(page.runs).toHaveLength(50);
    expect(page.runs[0].id).toBe(first[119]);
    expect(page.newer).toBeNull();

    // Runs keep arriving between pages: a walk started before them sees exactly the runs it started with.
    const added: number[] = [];
    const seen = walk({ limit: "25" }, () => added.push(...queue(a.prod, a.audit.id, orders("arrived while paging"))));
    expect(seen).toEqual(descending([...before, ...first]));
    expect(new Set(seen).size).toBe(seen.length);

    // The newest page now starts with the runs that arrived meanwhile.
    expect(idsOf({ limit: String(added.length) })).toEqual(descending(added));
    finish(added, { status: "succeeded" });
  });

  it("goes back to newer pages with `after`, and a newer page that reaches the newest runs is the first page, full", () => {
    const first = findRuns(scope, query({ limit: "10" }));
    const second = findRuns(scope, query({ limit: "10", cursor: String(first.older) }));
    const third = findRuns(scope, query({ limit: "10", cursor: String(second.older) }));
    expect(second.newer).toBe(second.runs[0].id);
    const back = findRuns(scope, query({ limit: "10", after: String(third.newer) }));
    expect(back.runs.map((run) => run.id)).toEqual(second.runs.map((run) => run.id));
    expect(back.older).toBe(second.older);
    // Three runs newer than the first page's fourth: the first page itself, not three runs.
    const top = findRuns(scope, query({ limit: "10", after: String(first.runs[3].id) }));
    expect(top.runs.map((run) => run.id)).toEqual(first.runs.map((run) => run.id));
    expect(top.newer).toBeNull();
  });

  it("refuses a page size over 100, a cursor that is not a run ID, and both directions at once", async () => {
    for (const [params, message] of [
      [{ limit: "101" }, "limit must be a whole number from 1 to 100."],
      [{ cursor: "abc" }, "cursor is not a page this history gave."],
      [{ cursor: "5", after: "9" }, "Give either cursor or after, not both."],
    ] as const) {
      expect(((await errorOf(() => query(params))) as Error).message).toBe(message);
    }
  });
});

describe("search with awkward input", () => {
  let ids: Record<string, number>;

  beforeAll(() => {
    const [quotes, operators, email, accents] = ranAs(
      a.prod,
      a.feed.id,
      [{ body: { name: 'She said "hello"' } }, { body: { name: "AND( OR NOT NEAR * ^ -x" } }, { body: { email: "ada@example.com" } }, { body: { city: "Zürich" } }],
      { status: "succeeded" },
    );
    ids = { quotes, operators, email, accents };
  });

  it.each([
    ['"hello"', "quotes"],
    ['said "hello', "quotes"],
    ["hello\"'", "quotes"],
    ["AND(", "operators"],
    ["NEAR", "operators"],
    ["OR NOT", "operators"],
    ["-x", "operators"],
    ["ada@example.com", "email"],
    ["zurich", "accents"],
  ])("finds %s as plain text, never as FTS5 syntax", (q, which) => {
    expect(idsOf({ q })).toEqual([ids[which]]);
  });

  it("treats stray punctuation as nothing to look for, and refuses a search with no letter or digit", async () => {
    expect(idsOf({ q: 'hello " * (' })).toEqual([ids.quotes]);
    for (const q of ['"', "*", "(", '"" ()']) {
      expect(((await errorOf(() => query({ q }))) as Error).message).toBe("Search for words or numbers: at least one letter or digit.");
    }
  });
});

describe("a run and its counters", () => {
  it("shows a run's trigger item and steps; another account's, app's or environment's run is not found", async () => {
    const [id] = ranAs(a.prod, a.feed.id, orders("Detail"), {
      status: "failed",
      error: "Format: boom",
      steps: [{ position: 0, stepId: "format", name: "Format", connectorKey: "utilities", actionKey: "formatter", status: "failed", input: { value: "Detail" }, output: null, error: "boom", attempts: 2, durationMs: 12, finishedAt: Date.now() }],
    });
    const run = getRun(scope, id);
    expect(run).toMatchObject({ id, status: "failed", error: "Format: boom", integrationName: "Order feed", version: 1, triggerData: { body: { name: "Detail" } }, triggerSummary: "name: Detail", source: "webhook" });
    expect(run.steps).toEqual([expect.objectContaining({ name: "Format", connectorName: "Utilities", actionName: "Formatter", status: "failed", error: "boom", attempts: 2, durationMs: 12, input: { value: "Detail" } })]);

    const other = await historyAccount("Globex");
    const notFound = async (actor: Actor, kind: "production" | "development", appId: string) => ((await errorOf(() => getRun(appRunScope(actor, kind, appId), id))) as { code: string }).code;
    expect(await notFound(other.admin, "production", other.app.id)).toBe("not_found");
    expect(((await errorOf(() => appRunScope(other.admin, "production", a.app.id))) as { code: string }).code).toBe("not_found");
    expect(await notFound(a.admin, "development", a.app.id)).toBe("not_found");
    // A member of the account reads it.
    const member = await newUser(a.admin, "member");
    expect(getRun(appRunScope(member, "production", a.app.id), id).id).toBe(id);
  });

  it("counts runs this month per app and per integration from the counters, with the last run", async () => {
    const c = await historyAccount("Counters Co");
    const cScope = appRunScope(c.admin, "production", c.app.id);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-31T23:59:00Z"));
    ranAs(c.prod, c.feed.id, orders("March"), { status: "succeeded" });
    const lastOfMarch = Date.now();
    vi.setSystemTime(new Date("2026-04-01T00:01:00Z"));
    ranAs(c.prod, c.audit.id, orders("April 1", "April 2"), { status: "succeeded" });
    queue(c.prod, c.audit.id, orders("April 3"));
    queue(c.dev, c.audit.id, orders("Development"));

    expect(appRunsThisMonth(cScope)).toBe(3);
    expect(appRunsThisMonth(appRunScope(c.admin, "development", c.app.id))).toBe(1);
    const byName = Object.fromEntries(listProductionIntegrations(c.admin, c.app.id).map((i) => [i.name, [i.runsThisMonth, i.lastRunAt]]));
    expect(byName).toEqual({ "Order feed": [0, lastOfMarch], "Audit trail": [3, Date.now()] });
  });

  it("charts finished runs per UTC day and status over the last 30 days", async () => {
    const c = await historyAccount("Chart Co");
    const cScope = appRunScope(c.admin, "production", c.app.id);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-05-01T10:00:00Z"));
    ranAs(c.prod, c.feed.id, orders("too old"), { status: "succeeded" });
    vi.setSystemTime(new Date("2026-05-20T10:00:00Z"));
    ranAs(c.prod, c.feed.id, orders("a", "b"), { status: "succeeded" });
    ranAs(c.prod, c.audit.id, orders("c"), { status: "failed" });
    vi.setSystemTime(new Date("2026-05-31T10:00:00Z"));
    ranAs(c.prod, c.audit.id, orders("d"), { status: "filtered" });
    queue(c.prod, c.audit.id, orders("not finished"));

    const days = runsPerDay(cScope);
    expect(days).toHaveLength(30);
    expect(days[0].day).toBe("2026-05-02");
    expect(days[29]).toEqual({ day: "2026-05-31", succeeded: 0, failed: 0, filtered: 1 });
    expect(days.find((day) => day.day === "2026-05-20")).toEqual({ day: "2026-05-20", succeeded: 2, failed: 1, filtered: 0 });
    expect(days.reduce((sum, day) => sum + day.succeeded + day.failed + day.filtered, 0)).toBe(4);
    expect(runsPerDay(cScope, c.feed.id).find((day) => day.day === "2026-05-20")).toEqual({ day: "2026-05-20", succeeded: 2, failed: 0, filtered: 0 });
  });

  it("shows a claimed run as Running, with no duration until it ends", () => {
    const [id] = queue(a.prod, a.feed.id, orders("In flight"));
    claimRuns("stuck-worker", 100, Date.now(), Date.now() + 60_000);
    const run = getRun(scope, id);
    expect(run.status).toBe("running");
    expect(run.durationMs).toBeNull();
    expect(run.startedAt).not.toBeNull();
  });
});
