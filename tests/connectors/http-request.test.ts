import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionContext } from "@/lib/connectors/framework";
import { httpAuth, httpCredentialsSchema, type HttpCredentials } from "@/lib/connectors/http/auth";
import { MAX_BODY_CHARS, sendRequest } from "@/lib/connectors/http/send-request";
import { ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";
import { testContext } from "../support/connectors";
import { errorOf } from "../support/fixtures";
import { testPort } from "../support/server";

const PORT = testPort(3540);
const BASE = `http://127.0.0.1:${PORT}`;
type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
let last: Seen | undefined;
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      last = { method: req.method!, url: req.url!, headers: req.headers, body };
      const path = new URL(req.url!, BASE).pathname;
      if (path === "/json") return res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "X-Request-Id": "r-1" }).end('{"ok":true,"items":[1,2]}');
      if (path === "/text") return res.writeHead(200, { "Content-Type": "text/plain" }).end("plain words");
      if (path === "/huge") return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data: "x".repeat(MAX_BODY_CHARS) }));
      if (path === "/broken") return res.writeHead(500, { "Content-Type": "application/json" }).end('{"error":{"message":"Database exploded"}}');
      if (path === "/missing") return res.writeHead(404).end("Not here");
      if (path === "/protected") {
        return req.headers.authorization === "Bearer good-token" ? res.end("welcome") : res.writeHead(401).end("who are you");
      }
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  last = undefined;
});

const context = (credentials: HttpCredentials): ConnectionContext<HttpCredentials> => testContext(credentials);

async function send(credentials: HttpCredentials, input: unknown) {
  const ctx = { ...context(credentials), input: parseOrThrow(sendRequest.input, input), idempotencyKey: "run:step" };
  return sendRequest.run(ctx) as Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
}

const creds = (input: unknown) => parseOrThrow(httpCredentialsSchema, input);

describe("HTTP request: where each kind of credential goes", () => {
  it("sends nothing extra without authentication", async () => {
    await send(creds({ authType: "none" }), { url: `${BASE}/plain` });
    expect(last!.headers.authorization).toBeUndefined();
    expect(last!.url).toBe("/plain");
  });

  it("puts an API key in the named header, or in the query string", async () => {
    await send(creds({ authType: "api_key", apiKeyIn: "header", apiKeyName: "X-API-Key", apiKeyValue: "k-123" }), { url: `${BASE}/a` });
    expect(last!.headers["x-api-key"]).toBe("k-123");
    await send(creds({ authType: "api_key", apiKeyIn: "query", apiKeyName: "api_key", apiKeyValue: "k 456" }), { url: `${BASE}/a?page=2` });
    expect(last!.url).toBe("/a?page=2&api_key=k+456");
    expect(last!.headers["x-api-key"]).toBeUndefined();
  });

  it("sends a Bearer token and Basic credentials in Authorization", async () => {
    await send(creds({ authType: "bearer", token: "t0ken" }), { url: `${BASE}/a` });
    expect(last!.headers.authorization).toBe("Bearer t0ken");
    await send(creds({ authType: "basic", username: "ada", password: "pä55:word" }), { url: `${BASE}/a` });
    expect(last!.headers.authorization).toBe(`Basic ${Buffer.from("ada:pä55:word").toString("base64")}`);
  });

  it("refuses incomplete credentials, naming each field", async () => {
    const error = await errorOf(() => creds({ authType: "api_key", apiKeyIn: "header", apiKeyName: "", testUrl: "ftp://x" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      apiKeyName: "Key name is required.",
      apiKeyValue: "Key value is required.",
      testUrl: "Test URL must be an http:// or https:// address.",
    });
  });
});

describe("HTTP request: Send request", () => {
  it("sends the method, headers, query and JSON body, and parses a JSON answer", async () => {
    const out = await send(creds({ authType: "none" }), {
      method: "POST",
      url: `${BASE}/json`,
      headers: { "X-Source": "boardflow" },
      query: { q: "hello world", n: 3 },
      body: { name: "Ada", tags: ["x"] },
    });
    expect(last).toMatchObject({ method: "POST", url: "/json?q=hello+world&n=3", body: '{"name":"Ada","tags":["x"]}' });
    expect(last!.headers["content-type"]).toBe("application/json");
    expect(last!.headers["x-source"]).toBe("boardflow");
    expect(out.status).toBe(200);
    expect(out.headers["x-request-id"]).toBe("r-1");
    expect(out.body).toEqual({ ok: true, items: [1, 2] });
  });

  it("returns a text answer as text, and cuts a huge one with a marker", async () => {
    expect((await send(creds({ authType: "none" }), { url: `${BASE}/text` })).body).toBe("plain words");
    const huge = (await send(creds({ authType: "none" }), { url: `${BASE}/huge` })).body as string;
    expect(huge).toHaveLength(MAX_BODY_CHARS + "… [truncated: 11 more characters]".length);
    expect(huge.endsWith("… [truncated: 11 more characters]")).toBe(true);
  });

  it("fails on 500 with a transient error and on 404 with a permanent one", async () => {
    const broken = await errorOf(() => send(creds({ authType: "none" }), { url: `${BASE}/broken` }));
    expect(broken).toMatchObject({ transient: true, status: 500, message: `GET 127.0.0.1:${PORT} answered 500 Internal Server Error: Database exploded` });
    const missing = await errorOf(() => send(creds({ authType: "none" }), { method: "DELETE", url: `${BASE}/missing` }));
    expect(missing).toMatchObject({ transient: false, status: 404, message: `DELETE 127.0.0.1:${PORT} answered 404 Not Found: Not here` });
  });

  it("refuses header names and values that cannot be sent, before sending anything", () => {
    for (const headers of [{ "Bad Header": "x" }, { "X-Ok": "line\nbreak" }]) {
      expect(() => parseOrThrow(sendRequest.input, { url: `${BASE}/json`, headers })).toThrow(
        "Header names may contain letters, digits and - only, and values may not contain line breaks.",
      );
    }
    expect(() => parseOrThrow(sendRequest.input, { url: "file:///etc/passwd" })).toThrow("URL must be an http:// or https:// address.");
  });

  it("goes through the private-network guard", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", undefined);
    const error = await errorOf(() => send(creds({ authType: "none" }), { url: `${BASE}/json` }));
    expect((error as Error).message).toMatch(/^Refused to connect to 127\.0\.0\.1/);
    expect(last).toBeUndefined();
  });
});

describe("HTTP request: Test connection", () => {
  it("calls the Test URL with the credentials", async () => {
    const ok = await httpAuth.test(context(creds({ authType: "bearer", token: "good-token", testUrl: `${BASE}/protected` })));
    expect(ok).toEqual({ message: `127.0.0.1:${PORT} answered 200 with these credentials.` });
    const refused = await errorOf(() => httpAuth.test(context(creds({ authType: "bearer", token: "bad-token", testUrl: `${BASE}/protected` }))));
    expect(refused).toMatchObject({ transient: false, message: `127.0.0.1:${PORT} refused these credentials (401).` });
  });

  it("says there is nothing to test without a Test URL, instead of pretending", async () => {
    const result = await httpAuth.test(context(creds({ authType: "bearer", token: "t", testUrl: "" })));
    expect(result.checked).toBe(false);
    expect(result.message).toMatch(/^Saved, not tested: there is no Test URL to call\./);
    expect(last).toBeUndefined();
  });
});
