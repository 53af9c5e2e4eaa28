// Re-runs, executed by a real engine in this process: one run or every failed run matching a
// filter, on the version it ran or on the latest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs } from "@/db/schema";
import type { Engine } from "@/lib/engine/engine";
import { deploy } from "@/lib/deploy/deploy";
import { archiveIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { appRunScope, getRun, type AppRunScope } from "@/lib/runs/history";
import { countFailedRuns, MAX_RERUNS, rerunFailedRuns, rerunRun } from "@/lib/runs/rerun";
import { parseRunQuery } from "@/lib/runs/run-query";
import { deleteDevIntegration } from "../deploy/support";
import { eventually, startTestEngine } from "../engine/support";
import { errorOf, newUser } from "../support/fixtures";
import { finish, formatterStep, historyAccount, queue, ranAs, WEBHOOK_TRIGGER, webhookIntegration, type HistoryAccount } from "./support";

let a: HistoryAccount;
let scope: AppRunScope;
let engine: Engine;
/** Rounds the amount: "abc" fails with `"abc" is not a number.` */
let rounding: { id: string };

const statusOf = (id: number) => getDb().select({ status: runs.status }).from(runs).where(eq(runs.id, id)).get()!.status;
const finished = (ids: number[]) => eventually(() => expect(ids.map(statusOf).every((status) => status !== "queued" && status !== "running")).toBe(true));
const amounts = (...values: (number | string)[]) => values.map((amount) => ({ body: { name: `order ${amount}`, amount } }));

/** Fixes Rounding in the builder (upper-case the name instead) and deploys it as the next version. */
function deployFix() {
  saveDefinition(a.admin, rounding.id, { trigger: WEBHOOK_TRIGGER, steps: [formatterStep("text_upper")] });
  deploy(a.admin, a.app.id);
}

beforeAll(async () => {
  a = await historyAccount();
  rounding = webhookIntegration(a.admin, a.app.id, "Rounding", formatterStep("number_round"));
  deploy(a.admin, a.app.id);
  scope = appRunScope(a.admin, "production", a.app.id);
  engine = startTestEngine();
});

afterAll(async () => {
  await engine.stop({ graceMs: 2000 });
});

describe("re-running one run", () => {
  it("queues a new run of the same trigger item on its original version, linked both ways", async () => {
    const [failedRun] = queue(a.prod, rounding.id, amounts("abc"));
    await finished([failedRun]);
    expect(getRun(scope, failedRun)).toMatchObject({ status: "failed", error: 'Step "Format": "abc" is not a number.', version: 2 });

    const rerun = rerunRun(a.admin, scope, failedRun, "original");
    await finished([rerun]);
    expect(getRun(scope, rerun)).toMatchObject({ source: "rerun", rerunOf: failedRun, version: 2, status: "failed", triggerData: { body: { name: "order abc", amount: "abc" } } });
    expect(getRun(scope, failedRun).reruns).toEqual([{ id: rerun, status: "failed" }]);
    expect(getRun(scope, rerun).steps.map((step) => [step.name, step.status, step.error])).toEqual([["Format", "failed", '"abc" is not a number.']]);
  });

  it("runs the latest Production version when asked, and the original one otherwise", async () => {
    const [failedRun] = queue(a.prod, rounding.id, amounts("xyz"));
    await finished([failedRun]);
    deployFix();
    const latest = rerunRun(a.admin, scope, failedRun, "latest");
    const original = rerunRun(a.admin, scope, failedRun, "original");
    await finished([latest, original]);
    expect(getRun(scope, latest)).toMatchObject({ status: "succeeded", version: 3 });
    expect(getRun(scope, latest).steps[0].output).toEqual({ result: "ORDER XYZ" });
    expect(getRun(scope, original)).toMatchObject({ status: "failed", version: 2 });
  });

  it("re-runs in Development on the builder's current definition", async () => {
    const dev = appRunScope(a.admin, "development", a.app.id);
    const [run] = ranAs(a.dev, a.feed.id, amounts(1), { status: "failed", error: "made up" });
    const rerun = rerunRun(a.admin, dev, run, "latest");
    await finished([rerun]);
    expect(getRun(dev, rerun)).toMatchObject({ status: "succeeded", rerunOf: run });
    expect(((await errorOf(() => getRun(scope, rerun))) as { code: string }).code).toBe("not_found");
  });

  it("refuses a run that has not ended", async () => {
    const [run] = queue(a.prod, a.audit.id, amounts(1));
    const error = (await errorOf(() => rerunRun(a.admin, scope, run, "original"))) as Error;
    expect(error.message).toBe(`Run #${run} is still queued: re-run it once it has ended.`);
    await finished([run]);
  });

  it("lets builders and admins re-run, not members; another account's run is not found", async () => {
    const [run] = ranAs(a.prod, a.audit.id, amounts(2), { status: "failed", error: "made up" });
    const member = await newUser(a.admin, "member");
    const refused = (await errorOf(() => rerunRun(member, appRunScope(member, "production", a.app.id), run, "original"))) as { code: string; message: string };
    expect(refused).toMatchObject({ code: "forbidden", message: "Only a builder or an admin can re-run runs." });
    const builder = await newUser(a.admin, "builder");
    const rerun = rerunRun(builder, appRunScope(builder, "production", a.app.id), run, "original");
    await finished([rerun]);

    const other = await historyAccount("Globex");
    const otherScope = appRunScope(other.admin, "production", other.app.id);
    expect(((await errorOf(() => rerunRun(other.admin, otherScope, run, "original"))) as { code: string }).code).toBe("not_found");
  });
});

describe("re-running every failed run matching the filter", () => {
  it("counts them, then re-runs exactly them, on the latest version", async () => {
    const b = await historyAccount("Batch Co");
    const batch = webhookIntegration(b.admin, b.app.id, "Rounding", formatterStep("number_round"));
    deploy(b.admin, b.app.id);
    const bScope = appRunScope(b.admin, "production", b.app.id);
    const ids = queue(b.prod, batch.id, amounts(1, "red", 2, "green", "blue"));
    await finished(ids);
    const onlyGreen = parseRunQuery({ q: "green" });
    expect(countFailedRuns(bScope, parseRunQuery({}))).toBe(3);
    expect(countFailedRuns(bScope, onlyGreen)).toBe(1);
    expect(countFailedRuns(bScope, parseRunQuery({ status: "succeeded" }))).toBe(0);
    expect(rerunFailedRuns(b.admin, bScope, parseRunQuery({ status: "succeeded" }), "latest")).toEqual([]);

    const green = rerunFailedRuns(b.admin, bScope, onlyGreen, "original");
    expect(green).toHaveLength(1);
    await finished(green);

    saveDefinition(b.admin, batch.id, { trigger: WEBHOOK_TRIGGER, steps: [formatterStep("text_upper")] });
    deploy(b.admin, b.app.id);
    // The failed re-run of green counts too: four failed runs now.
    const all = rerunFailedRuns(b.admin, bScope, parseRunQuery({ integrationId: batch.id }), "latest");
    expect(all).toHaveLength(4);
    await finished(all);
    const reruns = all.map((id) => getRun(bScope, id));
    expect(reruns.map(({ status, source, version }) => ({ status, source, version }))).toEqual(Array(4).fill({ status: "succeeded", source: "rerun", version: 3 }));
    expect(reruns.map((run) => (run.triggerData as { body: { name: string } }).body.name).sort()).toEqual(["order blue", "order green", "order green", "order red"]);
  });

  it("refuses the latest version of an integration archived or removed in Production, and queues nothing", async () => {
    const c = await historyAccount("Archive Co");
    const cScope = appRunScope(c.admin, "production", c.app.id);
    const [feedRun] = ranAs(c.prod, c.feed.id, amounts(1), { status: "failed", error: "made up" });
    const [auditRun] = ranAs(c.prod, c.audit.id, amounts(2), { status: "failed", error: "made up" });
    archiveIntegration(c.admin, c.feed.id);
    deleteDevIntegration(c.audit.id);
    deploy(c.admin, c.app.id);

    const archived = (await errorOf(() => rerunRun(c.admin, cScope, feedRun, "latest"))) as Error;
    expect(archived.message).toBe("Order feed is archived, so it has no latest version in Production: re-run on the original version instead.");
    const removed = (await errorOf(() => rerunRun(c.admin, cScope, auditRun, "latest"))) as Error;
    expect(removed.message).toBe("Audit trail was removed from Production by a later deployment, so it has no latest version in Production: re-run on the original version instead.");
    const before = getDb().select().from(runs).all().length;
    await errorOf(() => rerunFailedRuns(c.admin, cScope, parseRunQuery({}), "latest"));
    expect(getDb().select().from(runs).all()).toHaveLength(before);

    const originals = rerunFailedRuns(c.admin, cScope, parseRunQuery({}), "original");
    expect(originals).toHaveLength(2);
    await finished(originals);
  });

  it(`refuses more than ${MAX_RERUNS} at once, with a way out, and counts them for the page only that far`, async () => {
    const d = await historyAccount("Many Co");
    // Ended here as failed, before any engine could execute them.
    await engine.stop();
    finish(queue(d.prod, d.feed.id, amounts(...Array.from({ length: MAX_RERUNS + 2 }, (_, i) => i))), { status: "failed", error: "made up" });
    engine = startTestEngine();
    const dScope = appRunScope(d.admin, "production", d.app.id);
    expect(countFailedRuns(dScope, parseRunQuery({}))).toBe(MAX_RERUNS + 1);
    const error = (await errorOf(() => rerunFailedRuns(d.admin, dScope, parseRunQuery({}), "original"))) as Error;
    expect(error.message).toBe(`${MAX_RERUNS + 2} failed runs match this filter; re-run at most ${MAX_RERUNS} at once. Narrow the filter, for example by dates.`);
  });
});
