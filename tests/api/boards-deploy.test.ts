// The REST API shows each environment's view of an app's boards: the Production Account ID the
// deployed names and the boards Production still has, the Development Account ID the builder's.
// Renames and deletions made in the app builder reach Production only through Deploy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deleteBoard, renameBoard } from "@/lib/boards/boards";
import { deploy } from "@/lib/deploy/deploy";
import { createItems } from "@/lib/items/items";
import { api, apiAccount } from "../support/api";
import { startServer, type TestServer } from "../support/server";

const PORT = 3308;
let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  acme = await apiAccount();
});

const prod = () => api(server.url, acme.prodKey);
const dev = () => api(server.url, acme.devKey);
const boardNames = async (client: ReturnType<typeof api>, accountId: string) =>
  ((await client.get(`${accountId}/apps/${acme.app.id}/boards`)).body.data as { name: string }[]).map((board) => board.name);

describe("REST API boards before and after Deploy", () => {
  it("answers the Production Account ID with the deployed name until Deploy, the Development one with the builder's", async () => {
    renameBoard(acme.admin, acme.board.id, { name: "Purchase orders" });

    expect(await boardNames(prod(), acme.prodId)).toEqual(["Orders"]);
    expect((await prod().get(`${acme.prodId}/boards/${acme.board.id}`)).body.name).toBe("Orders");
    expect(await boardNames(dev(), acme.devId)).toEqual(["Purchase orders"]);
    expect((await dev().get(`${acme.devId}/boards/${acme.board.id}`)).body.name).toBe("Purchase orders");

    deploy(acme.admin, acme.app.id);
    expect(await boardNames(prod(), acme.prodId)).toEqual(["Purchase orders"]);
    expect((await prod().get(`${acme.prodId}/boards/${acme.board.id}`)).body.name).toBe("Purchase orders");
  });

  it("keeps a board deleted in the builder, and its items, in Production until Deploy; Development no longer has it", async () => {
    createItems(acme.admin, acme.prod, acme.board.id, [{ name: "Kept until Deploy" }]);
    deleteBoard(acme.admin, acme.board.id);
    const items = (accountId: string) => `${accountId}/boards/${acme.board.id}/items`;

    expect(await boardNames(dev(), acme.devId)).toEqual([]);
    const devRead = await dev().get(`${acme.devId}/boards/${acme.board.id}`);
    expect(devRead.status).toBe(404);
    expect(devRead.body.error.code).toBe("not_found");
    expect((await dev().post(items(acme.devId), { name: "Too late" })).status).toBe(404);

    expect(await boardNames(prod(), acme.prodId)).toEqual(["Orders"]);
    const prodItems = await prod().get(items(acme.prodId));
    expect(prodItems.body.data.map((item: { values: { name: string } }) => item.values.name)).toEqual(["Kept until Deploy"]);
    expect((await prod().post(items(acme.prodId), { name: "Still accepted" })).status).toBe(201);

    deploy(acme.admin, acme.app.id);
    expect(await boardNames(prod(), acme.prodId)).toEqual([]);
    expect((await prod().get(`${acme.prodId}/boards/${acme.board.id}`)).status).toBe(404);
    expect((await prod().get(items(acme.prodId))).status).toBe(404);
  });
});
