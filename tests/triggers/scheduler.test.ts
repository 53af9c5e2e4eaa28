// The scheduler's registry of schedule triggers follows the switches, saves, archives and
// deployments; its ticks queue runs, many at once in one transaction.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { onIntegrationsWithTriggerConnectors } from "@/db/queries/triggers";
import type { Actor } from "@/lib/auth/actor";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { turnOffDevelopment, turnOnDevelopment } from "@/lib/integrations/development-switch";
import { archiveIntegration, getIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { turnOn } from "@/lib/integrations/production-switch";
import { SchedulerConfigError, schedulerConfig } from "@/lib/scheduler/config";
import { startScheduler, stopScheduler } from "@/lib/scheduler/scheduler";
import { clearSchedules, queueTicks, registeredSchedules, scheduleEntriesOf, syncSchedules } from "@/lib/scheduler/schedules";
import { newAccount, newBoard } from "../support/fixtures";
import { integrationWith, runsOf, scheduleTrigger } from "./support";

let admin: Actor;
let appId: string;
let dev: string;
let prod: string;

beforeEach(async () => {
  ({ admin } = await newAccount());
  appId = newBoard(admin).app.id;
  dev = environmentOf(admin.accountId, "development").id;
  prod = environmentOf(admin.accountId, "production").id;
});

afterEach(async () => {
  await stopScheduler();
  clearSchedules();
});

const PARIS_NINE = { mode: "cron", expression: "0 9 * * *", timeZone: "Europe/Paris" };

/** The registry's keys of one integration. */
function keysOf(integrationId: string): string[] {
  syncSchedules();
  return registeredSchedules().filter((key) => key.split(":")[1] === integrationId);
}

const entriesOf = (ids: string[]) => scheduleEntriesOf(onIntegrationsWithTriggerConnectors(["schedule"])).filter((entry) => ids.includes(entry.runnable.integrationId));

describe("the schedule registry", () => {
  it("holds the schedule triggers of integrations On, keyed by environment, integration and version, and follows switches, saves and archiving", () => {
    const nightly = integrationWith(admin, appId, "Nightly", { trigger: scheduleTrigger(), steps: [] });
    expect(keysOf(nightly.id)).toEqual([]);

    turnOnDevelopment(admin, nightly.id);
    expect(keysOf(nightly.id)).toEqual([`${dev}:${nightly.id}:${getIntegration(admin, nightly.id).updatedAt}`]);

    const saved = saveDefinition(admin, nightly.id, { trigger: scheduleTrigger(PARIS_NINE), steps: [] });
    expect(keysOf(nightly.id)).toEqual([`${dev}:${nightly.id}:${saved.updatedAt}`]);

    turnOffDevelopment(admin, nightly.id);
    expect(keysOf(nightly.id)).toEqual([]);

    turnOnDevelopment(admin, nightly.id);
    expect(keysOf(nightly.id)).toHaveLength(1);
    archiveIntegration(admin, nightly.id);
    expect(keysOf(nightly.id)).toEqual([]);
  });

  it("follows Production: registered once turned on after a deployment, gone after the next one", () => {
    const nightly = integrationWith(admin, appId, "Nightly", { trigger: scheduleTrigger(), steps: [] });
    deploy(admin, appId);
    expect(keysOf(nightly.id)).toEqual([]);
    turnOn(admin, nightly.id);
    expect(keysOf(nightly.id)).toEqual([`${prod}:${nightly.id}:1`]);

    saveDefinition(admin, nightly.id, { trigger: scheduleTrigger(PARIS_NINE), steps: [] });
    deploy(admin, appId);
    expect(keysOf(nightly.id)).toEqual([]);
    turnOn(admin, nightly.id);
    expect(keysOf(nightly.id)).toEqual([`${prod}:${nightly.id}:2`]);
  });

  it("is re-synced by the running scheduler as soon as integrations change; a second start is refused", async () => {
    expect(startScheduler()).toBe(true);
    expect(startScheduler()).toBe(false);
    const nightly = integrationWith(admin, appId, "Nightly", { trigger: scheduleTrigger(), steps: [] });
    turnOnDevelopment(admin, nightly.id);
    await new Promise((resolve) => setImmediate(resolve));
    expect(registeredSchedules().some((key) => key.includes(nightly.id))).toBe(true);
    turnOffDevelopment(admin, nightly.id);
    await new Promise((resolve) => setImmediate(resolve));
    expect(registeredSchedules().some((key) => key.includes(nightly.id))).toBe(false);
  });
});

describe("a schedule tick", () => {
  it("queues one run with when it was due and the time zone", () => {
    const nightly = integrationWith(admin, appId, "Nightly", { trigger: scheduleTrigger(PARIS_NINE), steps: [] });
    turnOnDevelopment(admin, nightly.id);
    const [entry] = entriesOf([nightly.id]);
    const [runId] = queueTicks([{ entry, scheduledAt: new Date("2026-01-05T08:00:00.000Z") }]);
    expect(runsOf(nightly.id, dev)).toEqual([
      expect.objectContaining({ id: runId, status: "queued", source: "schedule", triggerData: { scheduledAt: "2026-01-05T08:00:00.000Z", timeZone: "Europe/Paris" } }),
    ]);
  });

  it("fires from node-cron once the scheduler registered it", async () => {
    const everySecond = integrationWith(admin, appId, "Every second", { trigger: scheduleTrigger({ mode: "cron", expression: "* * * * * *", timeZone: "UTC" }), steps: [] });
    turnOnDevelopment(admin, everySecond.id);
    syncSchedules();
    await vi.waitFor(() => expect(runsOf(everySecond.id, dev).length).toBeGreaterThan(0), { timeout: 5000, interval: 100 });
    expect(runsOf(everySecond.id, dev)[0]).toMatchObject({ source: "schedule", triggerData: { timeZone: "UTC" } });
  });

  it("starts no run for an integration turned off since it was registered", () => {
    const nightly = integrationWith(admin, appId, "Nightly", { trigger: scheduleTrigger(), steps: [] });
    turnOnDevelopment(admin, nightly.id);
    const [entry] = entriesOf([nightly.id]);
    turnOffDevelopment(admin, nightly.id);
    expect(queueTicks([{ entry, scheduledAt: new Date() }])).toEqual([]);
    expect(runsOf(nightly.id, dev)).toEqual([]);
  });

  it("queues 500 integrations due on the same minute in one transaction", () => {
    const ids = Array.from({ length: 500 }, (_, i) => {
      const integration = integrationWith(admin, appId, `Every five minutes ${i}`, { trigger: scheduleTrigger(), steps: [] });
      turnOnDevelopment(admin, integration.id);
      return integration.id;
    });
    const entries = entriesOf(ids);
    expect(entries).toHaveLength(500);
    const transactions = vi.spyOn(getDb(), "transaction");
    const scheduledAt = new Date("2026-01-05T09:05:00.000Z");
    const runIds = queueTicks(entries.map((entry) => ({ entry, scheduledAt })));
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
    expect(runIds).toHaveLength(500);
    expect(new Set(ids.flatMap((id) => runsOf(id, dev).map((run) => run.integrationId))).size).toBe(500);
  });
});

describe("the scheduler's configuration", () => {
  it("has defaults, reads each interval from its variable, and names a wrong one", () => {
    expect(schedulerConfig({})).toEqual({
      enabled: true,
      resyncMinutes: 1,
      oauthRefreshMinutes: 5,
      oauthRefreshAheadMinutes: 10,
      connectionTestMinutes: 60,
      retentionDays: 30,
      retentionMinutes: 60,
    });
    expect(schedulerConfig({ RUN_RETENTION_DAYS: "7", CONNECTION_TEST_INTERVAL_MINUTES: "0", SCHEDULER_ENABLED: "false" })).toMatchObject({ enabled: false, retentionDays: 7, connectionTestMinutes: 0 });
    expect(() => schedulerConfig({ RUN_RETENTION_DAYS: "thirty" })).toThrow(new SchedulerConfigError('RUN_RETENTION_DAYS must be a whole number (0 turns it off); got "thirty".'));
    expect(() => schedulerConfig({ SCHEDULER_RESYNC_MINUTES: "0" })).toThrow(/SCHEDULER_RESYNC_MINUTES must be a whole number of at least 1/);
  });
});
