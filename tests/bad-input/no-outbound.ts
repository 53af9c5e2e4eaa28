// Keeps property tests off the network. Random connection settings must never make the test
// process call a random host: while this guard is on, a DNS look-up of any name but localhost and
// a socket to anything but the one closed loopback port are stopped before they leave the
// machine and recorded, so the test can assert that none was attempted.
import dns from "node:dns";
import dnsPromises from "node:dns/promises";
import net from "node:net";
import { vi } from "vitest";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

type ConnectOptions = { host?: string; port?: number | string; path?: string };

/** The destination of `socket.connect(...)` in each of the shapes Node.js passes it. */
function destinationOf(args: unknown[]): ConnectOptions {
  const first = args[0];
  // net.connect() hands the socket its normalized arguments: [options, callback].
  if (Array.isArray(first)) return first[0] as ConnectOptions;
  if (typeof first === "object" && first !== null) return first as ConnectOptions;
  return { port: first as number, host: typeof args[1] === "string" ? args[1] : "localhost" };
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (stopped by the test's network guard)`), { code: "ENOTFOUND", hostname });
}

/** Stops and records every outbound attempt but to `127.0.0.1:<closedPort>`; undone by `vi.restoreAllMocks()`. */
export function allowOnlyClosedLoopbackPort(closedPort: number): { attempts: string[] } {
  const attempts: string[] = [];
  const lookup = dns.lookup;
  vi.spyOn(dns, "lookup").mockImplementation(((hostname: string, ...rest: unknown[]) => {
    if (LOOPBACK.has(hostname)) return (lookup as (...args: unknown[]) => void)(hostname, ...rest);
    attempts.push(`lookup ${hostname}`);
    const callback = rest.at(-1) as (error: Error) => void;
    process.nextTick(() => callback(notFound(hostname)));
  }) as typeof dns.lookup);
  const lookupPromise = dnsPromises.lookup;
  vi.spyOn(dnsPromises, "lookup").mockImplementation((async (hostname: string, options?: dns.LookupOptions) => {
    if (LOOPBACK.has(hostname)) return lookupPromise(hostname, options ?? {});
    attempts.push(`lookup ${hostname}`);
    throw notFound(hostname);
  }) as typeof dnsPromises.lookup);
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    const { host = "localhost", port, path } = destinationOf(args);
    if (path === undefined && LOOPBACK.has(host) && Number(port) === closedPort) return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    attempts.push(`connect ${path ?? `${host}:${port}`}`);
    process.nextTick(() => this.destroy(Object.assign(new Error("Connection stopped by the test's network guard."), { code: "ECONNREFUSED" })));
    return this;
  });
  return { attempts };
}

/** Resolves when nothing listens on the loopback port (the guard lets only that one through). */
export function expectClosed(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      reject(new Error(`Port ${port} is open: the connection tests need a closed loopback port.`));
    });
    socket.once("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNREFUSED" ? resolve() : reject(error)));
  });
}
