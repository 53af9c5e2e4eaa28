import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/json-body";
import { api, apiAccount, countItems } from "../support/api";
import { startServer, type TestServer } from "../support/server";

const PORT = 3303;
let server: TestServer;
let acme: Awaited<ReturnType<typeof apiAccount>>;

beforeAll(async () => {
  acme = await apiAccount("Acme");
  server = await startServer({ port: PORT });
});

afterAll(async () => {
  await server?.stop();
});

const client = () => api(server.url, acme.prodKey);
const itemsPath = () => `${acme.prodId}/boards/${acme.board.id}/items`;
const count = () => countItems(acme.board.id, acme.prod.id);

/** A JSON array of items just over `bytes` long. */
function bodyOver(bytes: number): string {
  const item = JSON.stringify({ name: "x".repeat(1000) });
  return `[${Array.from({ length: Math.ceil(bytes / item.length) + 1 }, () => item).join(",")}]`;
}

function streamOf(text: string, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

describe("REST API request bodies", () => {
  it("refuses malformed JSON with a 400 that names the problem", async () => {
    const res = await client().send("POST", itemsPath(), { raw: '{"name": "unterminated' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.message).toMatch(/^The request body is not valid JSON: .+/);
    expect(count()).toBe(0);
  });

  it("refuses an empty body with a 400", async () => {
    const res = await client().send("POST", itemsPath(), { raw: "" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("The request body is empty; send a JSON value.");
  });

  it("refuses a body that is not sent as JSON with a 400 that says which Content-Type to use", async () => {
    const res = await client().send("POST", itemsPath(), { raw: "name=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Send the request body as JSON with the header Content-Type: application/json.");
    expect(count()).toBe(0);
  });

  it("accepts a JSON content type with a charset", async () => {
    const res = await client().send("POST", itemsPath(), {
      raw: JSON.stringify({ name: "Charset" }),
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    expect(res.status).toBe(201);
    expect(res.body.values.name).toBe("Charset");
  });

  it("refuses a body over 1 MiB with a 413 and writes nothing", async () => {
    const before = count();
    const res = await client().send("POST", itemsPath(), { raw: bodyOver(MAX_BODY_BYTES) });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: "payload_too_large", message: "The request body is larger than the limit of 1 MiB (1048576 bytes)." });
    expect(count()).toBe(before);
  });

  it("refuses a streamed body without Content-Length once it passes 1 MiB, and writes nothing", async () => {
    const before = count();
    const res = await client().send("POST", itemsPath(), { raw: streamOf(bodyOver(MAX_BODY_BYTES)) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(count()).toBe(before);
  });

  it("accepts a body of just under 1 MiB", async () => {
    const item = { name: "y".repeat(9_000) };
    const body = Array.from({ length: 100 }, () => item);
    expect(JSON.stringify(body).length).toBeLessThan(MAX_BODY_BYTES);
    const res = await client().post(itemsPath(), body);
    expect(res.status).toBe(201);
    expect(res.body.data).toHaveLength(100);
  });

  it("caps PATCH bodies the same way", async () => {
    const created = (await client().post(itemsPath(), { name: "Small" })).body;
    const res = await client().send("PATCH", `${acme.prodId}/items/${created.id}`, { raw: JSON.stringify({ name: "z".repeat(MAX_BODY_BYTES) }) });
    expect(res.status).toBe(413);
    expect((await client().get(`${acme.prodId}/items/${created.id}`)).body.values.name).toBe("Small");
  });
});
