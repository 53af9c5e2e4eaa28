import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections } from "@/db/schema";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { contextForConnection } from "@/lib/connections/connection-context";
import { createConnection } from "@/lib/connections/create-connection";
import { ConnectorError, type ActionDefinition } from "@/lib/connectors/framework";
import { kissflow } from "@/lib/connectors/kissflow";
import { FIND_MAX_PAGES } from "@/lib/connectors/kissflow/actions";
import { createItems, getItem } from "@/lib/items/items";
import { setAccountDomain } from "@/lib/environments";
import { parseOrThrow } from "@/lib/validation";
import { apiAccount, countItems } from "../support/api";
import { errorOf } from "../support/fixtures";
import { ownInstance, startServer, testPort, type TestServer } from "../support/server";

// The connector runs in this process and calls the real built server over HTTP, as it will in
// production. Both agree on the instance's public URL, so `localhost:<port>` is this instance's
// own host: reached over http and allowed past the private-network guard.
const INSTANCE = ownInstance(3520);
const PORT = INSTANCE.port;
const CLOSED_PORT = testPort(3521);
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

let counter = 0;
function newConnection(environment: "production" | "development" = "production", admin = acme.admin) {
  return createConnection(admin, { name: `Kissflow ${++counter}`, connectorKey: "kissflow", environment });
}

const prodCredentials = (overrides: Record<string, string> = {}) => ({
  accountId: acme.prodId,
  accountDomain: DOMAIN,
  accessKeyId: acme.prodKey.id,
  accessKeySecret: acme.prodKey.secret,
  ...overrides,
});

function stored(connectionId: string) {
  return getDb().select().from(connections).where(eq(connections.id, connectionId)).get()!;
}

/** Runs an action the way the engine will: the stored connection's context, the parsed input. */
async function run(action: ActionDefinition<any, any>, connectionId: string, input: unknown, idempotencyKey = `run_${Math.random()}:step_1`, environmentId = acme.prod.id) {
  const { context } = contextForConnection(connectionId, environmentId);
  return (await action.run({ ...context, input: parseOrThrow(action.input, input), idempotencyKey })) as any;
}

const action = (key: string) => kissflow.actions.find((a) => a.key === key)!;

describe("Kissflow connection", () => {
  it("connects a Production connection with Production keys, and the test names the user", async () => {
    const connection = newConnection();
    const result = await authenticateConnection(acme.admin, connection.id, prodCredentials());
    expect(result.test).toEqual({ ok: true, message: `Connected as Ada Admin (Production, ${acme.prodId})`, transient: false, status: "connected" });
    expect(result.connection).toMatchObject({ status: "connected", authenticated: true, lastTestOk: true, lastTestMessage: `Connected as Ada Admin (Production, ${acme.prodId})` });
  });

  it("connects a Development connection with Development keys", async () => {
    const connection = newConnection("development");
    const result = await authenticateConnection(acme.admin, connection.id, { accountId: acme.devId, accountDomain: DOMAIN, accessKeyId: acme.devKey.id, accessKeySecret: acme.devKey.secret });
    expect(result.test.message).toBe(`Connected as Ada Admin (Development, ${acme.devId})`);
  });

  it("refuses a Development access key on the Production Account ID, saying Production credentials are needed, and stores nothing", async () => {
    const connection = newConnection();
    const error = await errorOf(() => authenticateConnection(acme.admin, connection.id, prodCredentials({ accessKeyId: acme.devKey.id, accessKeySecret: acme.devKey.secret })));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toContain("Production credentials are needed");
    expect((error as Error).message).toContain("My settings > Security settings > API authentication of the Production environment");
    expect(stored(connection.id)).toMatchObject({ credentials: null, status: "reauthentication_required", authenticatedAt: null, lastTestedAt: null });
  });

  it("refuses a Development Account ID on a Production connection before calling anything", async () => {
    const connection = newConnection();
    const error = await errorOf(() => authenticateConnection(acme.admin, connection.id, prodCredentials({ accountId: acme.devId })));
    expect((error as Error).message).toBe(
      `Production credentials are needed for a Production connection: ${acme.devId} is a Development Account ID. ` +
        "Use the Production Account ID and an access key created under My settings > Security settings > API authentication of the Production environment.",
    );
    expect((error as ConnectorError).fieldErrors).toEqual({ accountId: "Use the Production Account ID." });
    expect(stored(connection.id).credentials).toBeNull();
  });

  it("stores a wrong secret but marks the connection Failed with a clear message", async () => {
    const connection = newConnection();
    const result = await authenticateConnection(acme.admin, connection.id, prodCredentials({ accessKeySecret: "not-the-secret" }));
    expect(result.test).toMatchObject({ ok: false, transient: false, status: "failed" });
    expect(result.test.message).toBe(
      `The access key was refused: Kissflow (${DOMAIN}) answered 401 Unauthorized: The access key ID or secret is wrong. Check the Access key ID and the Access key secret.`,
    );
    expect(result.connection).toMatchObject({ status: "failed", statusMessage: result.test.message, lastTestOk: false });
    expect(result.test.message).not.toContain("not-the-secret");
  });

  it("marks an unreachable Account domain Failed, as a transient failure", async () => {
    const other = await apiAccount("Unreachable");
    // One of the account's own configured domains: reached over the instance's protocol, allowed past the guard.
    setAccountDomain(other.admin, "production", `127.0.0.1:${CLOSED_PORT}`);
    const connection = newConnection("production", other.admin);
    const result = await authenticateConnection(other.admin, connection.id, {
      accountId: other.prodId,
      accountDomain: `127.0.0.1:${CLOSED_PORT}`,
      accessKeyId: other.prodKey.id,
      accessKeySecret: other.prodKey.secret,
    });
    expect(result.test).toEqual({ ok: false, transient: true, status: "failed", message: `Could not connect to 127.0.0.1:${CLOSED_PORT}: the connection was refused.` });
  });

  it("reaches any other domain over https only, through the private-network guard", async () => {
    const connection = newConnection();
    const result = await authenticateConnection(acme.admin, connection.id, prodCredentials({ accountDomain: `127.0.0.1:${PORT}` }));
    expect(result.test.status).toBe("failed");
    expect(result.test.message).toMatch(/^Refused to connect to 127\.0\.0\.1: it is a private, loopback or link-local address/);
  });
});

describe("Kissflow actions", () => {
  let connectionId: string;
  beforeAll(async () => {
    connectionId = newConnection().id;
    await authenticateConnection(acme.admin, connectionId, prodCredentials());
  });

  it("creates ONE item when Create item runs twice with the same idempotency key", async () => {
    const before = countItems(acme.board.id, acme.prod.id);
    const input = { boardId: acme.board.id, values: { name: "Retried order", amount: 5 } };
    const first = await run(action("create_item"), connectionId, input, "run_1:step_create");
    const second = await run(action("create_item"), connectionId, input, "run_1:step_create");
    expect(first).toMatchObject({ boardId: acme.board.id, values: { name: "Retried order", amount: 5 } });
    expect(second).toEqual(first);
    expect(countItems(acme.board.id, acme.prod.id)).toBe(before + 1);
    // Another step (another key) makes another item.
    await run(action("create_item"), connectionId, input, "run_2:step_create");
    expect(countItems(acme.board.id, acme.prod.id)).toBe(before + 2);
  });

  it("reports the API's validation message when Create item gets bad values", async () => {
    const error = await errorOf(() => run(action("create_item"), connectionId, { boardId: acme.board.id, values: { amount: 1 } }));
    expect(error).toMatchObject({ status: 400, transient: false, message: `Kissflow (${DOMAIN}) answered 400 Bad Request: Name is required.` });
  });

  it("updates only the given fields, and reads an item back", async () => {
    const [item] = createItems(acme.admin, acme.prod, acme.board.id, [{ name: "Before", amount: 1 }]);
    const updated = await run(action("update_item"), connectionId, { itemId: item.id, values: { amount: 2 } });
    expect(updated.values).toEqual({ name: "Before", amount: 2 });
    expect(getItem(acme.admin, acme.prod, item.id).values).toEqual({ name: "Before", amount: 2 });
    const read = await run(action("get_item"), connectionId, { itemId: item.id });
    expect(read).toMatchObject({ id: item.id, values: { name: "Before", amount: 2 } });
    const missing = await errorOf(() => run(action("get_item"), connectionId, { itemId: "itm_nope" }));
    expect(missing).toMatchObject({ status: 404, transient: false });
  });

  it("finds items whose field equals a value, across pages, newest first", async () => {
    const a = await apiAccount("Finder");
    const connection = newConnection("production", a.admin);
    await authenticateConnection(a.admin, connection.id, { accountId: a.prodId, accountDomain: DOMAIN, accessKeyId: a.prodKey.id, accessKeySecret: a.prodKey.secret });
    // 150 items (two pages of 100): every 10th is "Gold"; amount 30 is a number matched by text.
    createItems(a.admin, a.prod, a.board.id, Array.from({ length: 100 }, (_, i) => ({ name: i % 10 === 0 ? "Gold" : `Item ${i}`, amount: i })));
    createItems(a.admin, a.prod, a.board.id, Array.from({ length: 50 }, (_, i) => ({ name: i % 10 === 0 ? "Gold" : `Later ${i}`, amount: 100 + i })));
    const find = (input: unknown) => run(action("find_items"), connection.id, input, "r:s", a.prod.id);

    const gold = await find({ boardId: a.board.id, field: "name", value: "Gold", limit: 100 });
    expect(gold).toMatchObject({ count: 15, complete: true });
    expect(gold.items.map((item: any) => item.values.amount)).toEqual([140, 130, 120, 110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);
    expect((await find({ boardId: a.board.id, field: "name", value: "Gold" })).count).toBe(10);
    expect((await find({ boardId: a.board.id, field: "amount", value: "30" })).items.map((item: any) => item.values.name)).toEqual(["Gold"]);
    expect(await find({ boardId: a.board.id, field: "name", value: "Platinum" })).toEqual({ items: [], count: 0, complete: true });
  });

  it(`reads at most ${FIND_MAX_PAGES} pages, and says when it stopped before the end`, async () => {
    const a = await apiAccount("Haystack");
    const connection = newConnection("production", a.admin);
    await authenticateConnection(a.admin, connection.id, { accountId: a.prodId, accountDomain: DOMAIN, accessKeyId: a.prodKey.id, accessKeySecret: a.prodKey.secret });
    createItems(a.admin, a.prod, a.board.id, [{ name: "Needle" }]);
    for (let batch = 0; batch < FIND_MAX_PAGES; batch++) {
      createItems(a.admin, a.prod, a.board.id, Array.from({ length: 100 }, (_, i) => ({ name: `Hay ${batch}.${i}` })));
    }
    const result = await run(action("find_items"), connection.id, { boardId: a.board.id, field: "name", value: "Needle" }, "r:s", a.prod.id);
    expect(result).toEqual({ items: [], count: 0, complete: false });
  });
});
