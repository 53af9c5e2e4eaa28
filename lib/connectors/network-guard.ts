// The private-network guard of SPEC §7. Connectors call addresses people type in, so without it a
// connection could reach the machine's own services or a cloud metadata endpoint
// (169.254.169.254). The check is made on the address the socket really connects to: in the DNS
// lookup of each connection (a name that resolves to 127.0.0.1 is refused too), on IP literals
// before connecting, and once more on the connected socket's peer address.
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { buildConnector } from "undici";

/** Refused before any byte is sent; `toConnectorError` turns it into the message people see. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `Refused to connect to ${host}: it is a private, loopback or link-local address${host === address ? "" : ` (${address})`}. ` +
        "An admin can allow private addresses with ALLOW_PRIVATE_NETWORK=true.",
    );
    this.name = "PrivateAddressError";
  }
}

/** `ALLOW_PRIVATE_NETWORK=true` (read on every call, so tests and admins can change it). */
export function privateNetworkAllowed(): boolean {
  return process.env.ALLOW_PRIVATE_NETWORK === "true";
}

/**
 * Only ordinary public unicast addresses pass. ipaddr.js names every special range (loopback,
 * private, linkLocal, uniqueLocal, carrierGradeNat, unspecified, multicast, reserved, 6to4 and
 * NAT64 prefixes that embed IPv4 addresses…); `process` turns `::ffff:127.0.0.1` into 127.0.0.1.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export function addressAllowed(address: string): boolean {
  return privateNetworkAllowed() || isPublicAddress(address);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `dns.lookup` that refuses the name when any address it resolves to is not allowed. */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    // Refusing on any private answer (not just skipping it) stops a name that mixes a public
    // and a private address from being used to reach the private one.
    const refused = addresses.find((entry) => !addressAllowed(entry.address));
    if (refused) return callback(Object.assign(new PrivateAddressError(hostname, refused.address), { code: "EPRIVATE" }), []);
    if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address.`), { code: "ENOTFOUND" }), []);
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
}

/** `host` as in a URL (`example.com`, `example.com:8443`, `[::1]:3000`), lower-cased. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase();
}

/**
 * An undici connector applying the guard, except to `allowHosts` (URL `host` values, i.e. with
 * the port when it is not the scheme's default): the instance's own hosts for the Kissflow
 * connector, which may well resolve to a private address.
 */
export function guardedConnector(allowHosts: string[] = []): buildConnector.connector {
  const allowed = new Set(allowHosts.map(normalizeHost));
  const plain = buildConnector({});
  const guarded = buildConnector({ lookup: guardedLookup } as buildConnector.BuildOptions);
  const defaultPort = (protocol: string) => (protocol === "https:" ? "443" : "80");

  return (options, callback) => {
    const hostLiteral = net.isIPv6(options.hostname) ? `[${options.hostname}]` : options.hostname;
    const port = options.port && options.port !== defaultPort(options.protocol) ? `:${options.port}` : "";
    if (allowed.has(normalizeHost(`${hostLiteral}${port}`))) return plain(options, callback);
    // An IP literal is connected to without a lookup: check it here, before connecting.
    if (net.isIP(options.hostname) && !addressAllowed(options.hostname)) {
      return callback(new PrivateAddressError(options.hostname, options.hostname), null);
    }
    guarded(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error("No socket."), null);
      const peer = socket.remoteAddress;
      if (peer && !addressAllowed(peer)) {
        socket.destroy();
        return callback(new PrivateAddressError(options.hostname, peer), null);
      }
      callback(null, socket);
    });
  };
}
