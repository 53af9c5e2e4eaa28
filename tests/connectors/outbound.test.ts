import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectorError } from "@/lib/connectors/framework";
import { addressAllowed, isPublicAddress } from "@/lib/connectors/network-guard";
import { createConnectorFetch, errorFromResponse, parseRetryAfter } from "@/lib/connectors/outbound";
import { errorOf } from "../support/fixtures";
import { testPort } from "../support/server";

// Loopback servers only: the guard must refuse private addresses before any byte is sent, so no
// test ever sends traffic to 10.x or 169.254.x (with the guard off, only loopback is called).
const PORT_A = testPort(3530);
const PORT_B = testPort(3531);
const CLOSED_PORT = testPort(3532);
const A = `127.0.0.1:${PORT_A}`;

type Seen = { url: string; authorization?: string };
const seen: { a: Seen[]; b: Seen[] } = { a: [], b: [] };
const servers: http.Server[] = [];

function handlerA(req: http.IncomingMessage, res: http.ServerResponse) {
  seen.a.push({ url: req.url!, authorization: req.headers.authorization });
  const url = new URL(req.url!, `http://${A}`);
  const redirect = (location: string) => res.writeHead(302, { Location: location }).end();
  if (url.pathname === "/hop/1") return redirect("/hop/2");
  if (url.pathname === "/hop/2") return redirect(`http://localhost:${PORT_B}/final`);
  if (url.pathname === "/to-metadata") return redirect("http://169.254.169.254/latest/meta-data/");
  if (url.pathname === "/to-b") return redirect(`http://127.0.0.1:${PORT_B}/final`);
  if (url.pathname === "/loop") {
    const left = Number(url.searchParams.get("left"));
    return left > 0 ? redirect(`/loop?left=${left - 1}`) : res.end("end of loop");
  }
  if (url.pathname === "/slow") return; // never answers
  if (url.pathname === "/big") return res.end("x".repeat(2000));
  if (url.pathname === "/unavailable") return res.writeHead(503, { "Retry-After": "7", "Content-Type": "application/json" }).end('{"error":{"message":"Down for maintenance"}}');
  res.end(`hello from A ${url.pathname}`);
}

function handlerB(req: http.IncomingMessage, res: http.ServerResponse) {
  seen.b.push({ url: req.url!, authorization: req.headers.authorization });
  res.end("hello from B");
}

async function listen(port: number, host: string, handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  await listen(PORT_A, "127.0.0.1", handlerA);
  await listen(PORT_A, "::1", handlerA);
  await listen(PORT_B, "127.0.0.1", handlerB);
});

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

afterEach(() => {
  vi.unstubAllEnvs();
  seen.a.length = 0;
  seen.b.length = 0;
});

async function refusal(url: string, fetch = createConnectorFetch()): Promise<ConnectorError> {
  const error = await errorOf(() => fetch(url));
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("the private-network guard", () => {
  it("refuses loopback, private, link-local and metadata addresses, and names that resolve to them", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", undefined);
    for (const url of [`http://${A}/`, "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", `http://[::1]:${PORT_A}/`, `http://localhost:${PORT_A}/`]) {
      const error = await refusal(url);
      expect(error.message, url).toMatch(/^Refused to connect to .*private, loopback or link-local address/);
      expect(error.message).toContain("ALLOW_PRIVATE_NETWORK=true");
      expect(error.transient, url).toBe(false);
    }
    expect((await refusal(`http://localhost:${PORT_A}/`)).message).toContain("(127.0.0.1)");
    // Refused before connecting: the loopback server never saw a request.
    expect(seen.a).toEqual([]);
  });

  it("classifies addresses with their special ranges, IPv4-mapped IPv6 included", () => {
    for (const address of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "224.0.0.1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("lets everything through when ALLOW_PRIVATE_NETWORK=true", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const fetch = createConnectorFetch();
    for (const url of [`http://${A}/one`, `http://[::1]:${PORT_A}/two`, `http://localhost:${PORT_A}/three`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toMatch(/^hello from A/);
    }
    // Private ranges are allowed too (checked, not called: this machine has nothing there).
    expect(addressAllowed("10.1.2.3")).toBe(true);
    expect(addressAllowed("169.254.169.254")).toBe(true);
  });

  it("lets an allowed host through (the instance's own domain) but no other loopback address", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", undefined);
    const fetch = createConnectorFetch({ allowHosts: [A] });
    expect(await (await fetch(`http://${A}/own`)).text()).toBe("hello from A /own");
    await refusal(`http://127.0.0.1:${PORT_B}/`, fetch);
    expect(seen.b).toEqual([]);
  });
});

describe("redirects", () => {
  it("checks every hop: a chain from an allowed host that ends on a loopback name is refused", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", undefined);
    const fetch = createConnectorFetch({ allowHosts: [A] });
    const error = await refusal(`http://${A}/hop/1`, fetch);
    expect(error.message).toMatch(/^Refused to connect to localhost/);
    expect(seen.a.map((s) => s.url)).toEqual(["/hop/1", "/hop/2"]);
    expect(seen.b).toEqual([]);
    expect((await refusal(`http://${A}/to-metadata`, fetch)).message).toMatch(/^Refused to connect to 169\.254\.169\.254/);
  });

  it("follows at most 5 redirects", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", undefined);
    const fetch = createConnectorFetch({ allowHosts: [A] });
    expect(await (await fetch(`http://${A}/loop?left=5`)).text()).toBe("end of loop");
    const error = await refusal(`http://${A}/loop?left=6`, fetch);
    expect(error.message).toBe(`${A} redirected more than 5 times.`);
    expect(error.transient).toBe(false);
  });

  it("does not carry the Authorization header to another origin", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const response = await createConnectorFetch()(`http://${A}/to-b`, { headers: { Authorization: "Bearer top-secret" } });
    expect(await response.text()).toBe("hello from B");
    expect(seen.a[0].authorization).toBe("Bearer top-secret");
    expect(seen.b[0].authorization).toBeUndefined();
  });
});

describe("failures", () => {
  it("gives a transient ConnectorError when the server does not answer in time", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const started = Date.now();
    const error = await refusal(`http://${A}/slow`, createConnectorFetch({ timeoutMs: 300 }));
    expect(error.transient).toBe(true);
    expect(error.message).toBe(`${A} did not answer within 300 ms.`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("gives a transient ConnectorError when the connection is refused", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const error = await refusal(`http://127.0.0.1:${CLOSED_PORT}/`);
    expect(error.transient).toBe(true);
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${CLOSED_PORT}: the connection was refused.`);
  });

  it("refuses a response larger than the cap", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const fetch = createConnectorFetch({ maxResponseBytes: 1000 });
    expect((await refusal(`http://${A}/big`, fetch)).message).toBe(`The response from ${A} is larger than 1000 bytes.`);
    expect((await (await fetch(`http://${A}/big`, { maxResponseBytes: 5000 })).text()).length).toBe(2000);
  });

  it("maps 5xx and 429 answers to transient errors with Retry-After, and 4xx to permanent ones", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
    const unavailable = await errorFromResponse(await createConnectorFetch()(`http://${A}/unavailable`), "The API");
    expect(unavailable).toMatchObject({ transient: true, retryAfterSeconds: 7, status: 503, message: "The API answered 503 Service Unavailable: Down for maintenance" });
    const limited = await errorFromResponse(new Response("slow down", { status: 429, headers: { "Retry-After": "2" } }), "The API");
    expect(limited).toMatchObject({ transient: true, retryAfterSeconds: 2, status: 429 });
    const missing = await errorFromResponse(new Response('{"message":"No such thing"}', { status: 404 }), "The API");
    expect(missing).toMatchObject({ transient: false, status: 404, message: "The API answered 404: No such thing" });
    expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
