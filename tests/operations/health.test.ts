// GET /api/health (the process is up) and GET /api/health/ready (it can do its work, and how far
// behind its run queue is) against the real server.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { environmentOf } from "@/lib/environments";
import { readiness } from "@/lib/operations/readiness";
import { onIntegration } from "../engine/support";
import { queue } from "../runs/support";
import { newAccount, newBoard } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";
import { shoutStep, webhookTrigger } from "../triggers/support";

let admin: Actor;
let integrationId: string;

beforeAll(async () => {
  ({ admin } = await newAccount());
  const { app } = newBoard(admin);
  integrationId = onIntegration(admin, app.id, { trigger: webhookTrigger(), steps: [shoutStep()] }).id;
});

async function ready(server: TestServer) {
  const response = await fetch(`${server.url}/api/health/ready`);
  return { status: response.status, body: await response.json() };
}

describe("a server that runs its engine and scheduler", () => {
  let server: TestServer;
  // The workers look for runs queued by another process only every minute, so runs queued here stay due.
  beforeAll(async () => {
    server = await startServer({ port: 3362, env: { RUN_POLL_MS: "60000" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is up, and ready with an empty queue", async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: "ok" });
    expect(await ready(server)).toEqual({
      status: 200,
      body: { ready: true, database: "ok", migrations: "applied", engine: "running", scheduler: "running", queue: { due: 0, oldestDueSeconds: 0 } },
    });
  });

  it("reports the runs waiting to be executed, and stays ready", async () => {
    queue(environmentOf(admin.accountId, "development"), integrationId, [{ body: { name: "a" } }, { body: { name: "b" } }, { body: { name: "c" } }]);
    const { status, body } = await ready(server);
    expect(status).toBe(200);
    expect(body.queue.due).toBe(3);
    expect(body.queue.oldestDueSeconds).toBeGreaterThanOrEqual(0);
  });
});

it("is ready without a scheduler when SCHEDULER_ENABLED=false", async () => {
  const server = await startServer({ port: 3363, env: { SCHEDULER_ENABLED: "false" } });
  try {
    expect(await ready(server)).toMatchObject({ status: 200, body: { ready: true, engine: "running", scheduler: "disabled" } });
  } finally {
    await server.stop();
  }
});

it("is not ready while a migration is pending, or where no engine runs", () => {
  // This test process runs no engine and no scheduler.
  expect(readiness()).toMatchObject({ ready: false, database: "ok", migrations: "applied", engine: "stopped", scheduler: "stopped" });
  getDb().run(sql`delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)`);
  expect(readiness()).toMatchObject({ ready: false, migrations: "pending" });
});
