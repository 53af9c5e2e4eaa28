// The whole way from Deploy to a Production integration that is on, with a Kissflow connection
// authenticated for real against the built server (its own REST API), as the manual describes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeAccessKey } from "@/lib/access-keys/access-keys";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { ConnectorError } from "@/lib/connectors/framework";
import { deploy } from "@/lib/deploy/deploy";
import { ConflictError } from "@/lib/errors";
import { goLiveChecklist } from "@/lib/integrations/production-checklist";
import { turnOff, turnOn } from "@/lib/integrations/production-switch";
import { apiAccount, keyFor } from "../support/api";
import { errorOf } from "../support/fixtures";
import { ownInstance, startServer, type TestServer } from "../support/server";
import { connectionRow, createItemStep, devConnection, devIntegration, kissflowTrigger } from "./support";

const INSTANCE = ownInstance(3582);
const PORT = INSTANCE.port;
const DOMAIN = INSTANCE.domain;

let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  acme = await apiAccount("Acme");
  server = await startServer({ port: PORT, env: INSTANCE.env });
});

afterAll(async () => {
  await server?.stop();
});

const credentials = (key: { id: string; secret: string }, accountId: string) => ({ accountId, accountDomain: DOMAIN, accessKeyId: key.id, accessKeySecret: key.secret });

async function refusal(integrationId: string): Promise<string> {
  const error = await errorOf(() => turnOn(acme.admin, integrationId));
  expect(error).toBeInstanceOf(ConflictError);
  return (error as Error).message;
}

describe("going live with a Kissflow connection", () => {
  it("refuses to turn on until the Production connection is authenticated with Production credentials after the deployment", async () => {
    const { admin, app, board } = acme;
    const dev = devConnection(admin, "Kissflow Production", "kissflow");
    await authenticateConnection(admin, dev.id, credentials(acme.devKey, acme.devId));
    const sync = devIntegration(admin, app.id, { name: "Copy new orders", definition: { trigger: kissflowTrigger(dev.id, board.id), steps: [createItemStep(dev.id, board.id)] } });

    deploy(admin, app.id);
    const [counterpart] = goLiveChecklist(admin, app.id).connections;
    expect(counterpart).toMatchObject({ name: "Kissflow Production", connector: { key: "kissflow", name: "Kissflow" }, blocks: [{ id: sync.id, name: "Copy new orders" }] });
    // The Development credentials stayed in Development.
    expect(connectionRow(dev.id)?.credentials).toMatch(/^v1:/);
    expect(connectionRow(counterpart.id)).toMatchObject({ credentials: null, authenticatedAt: null, status: "reauthentication_required" });
    expect(await refusal(sync.id)).toBe("Copy new orders cannot be turned on. Kissflow Production has never been authenticated: use Connect now on the Connections tab.");

    // Development access keys are refused for the Production connection (rule 3), and nothing changes.
    const wrong = await errorOf(() => authenticateConnection(admin, counterpart.id, credentials(acme.devKey, acme.prodId)));
    expect(wrong).toBeInstanceOf(ConnectorError);
    expect((wrong as Error).message).toMatch(/^Production credentials are needed/);
    expect(await refusal(sync.id)).toContain("Kissflow Production has never been authenticated");

    await authenticateConnection(admin, counterpart.id, credentials(acme.prodKey, acme.prodId));
    expect(turnOn(admin, sync.id).enabled).toBe(true);

    // The next deployment turns it off; a passing test on the kept credentials is not enough.
    const { number } = deploy(admin, app.id);
    const notSince = `Copy new orders cannot be turned on. Kissflow Production is not authenticated since the last deployment (version ${number}): reauthenticate it with Production credentials on the Connections tab.`;
    expect(await refusal(sync.id)).toBe(notSince);
    expect((await testConnection(admin, counterpart.id)).ok).toBe(true);
    expect(await refusal(sync.id)).toBe(notSince);
    await authenticateConnection(admin, counterpart.id, credentials(acme.prodKey, acme.prodId));
    expect(turnOn(admin, sync.id).enabled).toBe(true);

    // A key revoked since: the test fails, and turning on is refused saying so.
    const key = keyFor(admin, "production");
    await authenticateConnection(admin, counterpart.id, credentials(key, acme.prodId));
    turnOff(admin, sync.id);
    revokeAccessKey(admin, key.id);
    expect((await testConnection(admin, counterpart.id)).ok).toBe(false);
    expect(await refusal(sync.id)).toMatch(/^Copy new orders cannot be turned on\. Kissflow Production: its last test failed \(.*revoked.*\)\. Reauthenticate it or test it again on the Connections tab\.$/);
  });
});
