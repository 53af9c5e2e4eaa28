import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, integrations } from "@/db/schema";
import { revokeAccessKey } from "@/lib/access-keys/access-keys";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { environmentOf } from "@/lib/environments";
import type { StepConfig } from "@/lib/integrations/definition";
import { createItems } from "@/lib/items/items";
import { keyFor } from "../support/api";
import { ownInstance, startServer, type TestServer } from "../support/server";
import { createItemStep, formatterStep, integrationAccount, kissflowTrigger, type IntegrationAccount } from "../integrations/support";
import { eventually, onIntegration, runsOf } from "./support";

// The engine inside the real server, its Kissflow steps calling the server's own REST API (a
// server killed mid-run is in tests/faults/crash-during-burst.test.ts):
// - with the connection's access key revoked: the run fails with the reason, and the connection
//   says it needs reauthentication;
// - stopped with SIGTERM: a run that ends within SHUTDOWN_GRACE_SECONDS is finished and recorded, one
//   that does not is given back (queued, no lease) for the next start.
const INSTANCE = ownInstance(3590);
const SERVER_ENV = { ...INSTANCE.env, RUN_LEASE_SECONDS: "2", RUN_POLL_MS: "100", SHUTDOWN_GRACE_SECONDS: "3", ALLOW_PRIVATE_NETWORK: "true" };

let server: TestServer | undefined;
let a: IntegrationAccount;
let key: { id: string; secret: string };

beforeAll(async () => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  server = await startServer({ port: INSTANCE.port, env: SERVER_ENV });
  a = await integrationAccount();
  key = keyFor(a.admin, "development");
  const kissflow = await authenticateConnection(a.admin, a.kissflow.id, { accountId: `${a.accountId}-dev`, accountDomain: INSTANCE.domain, accessKeyId: key.id, accessKeySecret: key.secret });
  expect(kissflow.test.status).toBe("connected");
});

afterAll(async () => {
  await server?.stop();
});

const dev = () => environmentOf(a.accountId, "development");

it("fails a run whose connection's access key was revoked, and marks the connection", async () => {
  getDb().update(integrations).set({ enabled: false }).run();
  const integration = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [formatterStep(), createItemStep(a)] });
  revokeAccessKey(a.admin, key.id);
  createItems(a.admin, dev(), a.orders.id, [{ name: "after revoke", amount: 1 }]);

  await eventually(() => expect(runsOf(integration.id)[0]?.status).toBe("failed"), 20_000);
  const [run] = runsOf(integration.id);
  expect(run.attempts).toBe(1);
  expect(run.error).toMatch(/^Step "Create invoice": .*401/);
  const connection = getDb().select().from(connections).where(eq(connections.id, a.kissflow.id)).get()!;
  expect(connection.status).toBe("reauthentication_required");
  expect(connection.statusMessage).toMatch(/^A run was refused: /);
}, 60_000);

it("on SIGTERM finishes the runs that end within the grace period and gives back the others", async () => {
  getDb().update(integrations).set({ enabled: false }).run();
  const delay = (seconds: number): StepConfig => ({ id: "wait", name: "Wait", connectorKey: "utilities", actionKey: "delay", connectionId: null, input: { seconds: String(seconds) } });

  const short = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [delay(1)] });
  createItems(a.admin, dev(), a.orders.id, [{ name: "short wait", amount: 1 }]);
  await eventually(() => expect(runsOf(short.id)[0]?.status).toBe("running"), 20_000);
  await server!.stop();
  expect(runsOf(short.id)[0].status).toBe("succeeded");

  server = await startServer({ port: INSTANCE.port, env: SERVER_ENV });
  getDb().update(integrations).set({ enabled: false }).run();
  const long = onIntegration(a.admin, a.app.id, { trigger: kissflowTrigger(a), steps: [delay(60)] });
  createItems(a.admin, dev(), a.orders.id, [{ name: "long wait", amount: 1 }]);
  await eventually(() => expect(runsOf(long.id)[0]?.status).toBe("running"), 20_000);
  await server!.stop();
  // Given back by the stopping server, not left leased as a killed one would leave it.
  expect(runsOf(long.id)[0]).toMatchObject({ status: "queued", leaseOwner: null, leaseExpiresAt: null });
  getDb().update(integrations).set({ enabled: false }).run();
  server = undefined;
}, 90_000);
