// SMTP transport for the Email connector. The host is resolved here and checked like every
// outbound address (network-guard.ts); nodemailer then connects to that very IP, with the host
// name kept for TLS certificate checks, so a name cannot resolve to one address for the check
// and another for the connection. Errors become ConnectorErrors that name no secret.
import dns from "node:dns/promises";
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { ConnectorError } from "@/lib/connectors/framework";
import { addressAllowed, PrivateAddressError } from "@/lib/connectors/network-guard";

export type SmtpCredentials = { host: string; port: number; secure: boolean; user?: string; password?: string; from: string; testRecipient?: string };

const TIMEOUT_MS = 15_000;
const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET"]);

async function guardedAddress(host: string): Promise<string> {
  if (net.isIP(host)) {
    if (!addressAllowed(host)) throw new ConnectorError(new PrivateAddressError(host, host).message);
    return host;
  }
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(host, { all: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ConnectorError(`The SMTP host ${host} was not found${code ? ` (${code})` : ""}.`, { transient: code === "EAI_AGAIN" });
  }
  const refused = addresses.find((entry) => !addressAllowed(entry.address));
  if (refused) throw new ConnectorError(new PrivateAddressError(host, refused.address).message);
  return addresses[0].address;
}

async function smtpTransport(credentials: SmtpCredentials): Promise<Transporter> {
  const address = await guardedAddress(credentials.host);
  return nodemailer.createTransport({
    host: address,
    port: credentials.port,
    secure: credentials.secure,
    servername: credentials.host,
    tls: { servername: credentials.host },
    auth: credentials.user ? { user: credentials.user, pass: credentials.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 2 * TIMEOUT_MS,
  });
}

type SmtpFailure = { code?: string; responseCode?: number; command?: string };

/** Login refusals are permanent; unreachable servers, timeouts and 4xx SMTP replies are transient. */
export function smtpError(error: unknown, credentials: SmtpCredentials): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { code, responseCode } = (error ?? {}) as SmtpFailure;
  const where = `${credentials.host}:${credentials.port}`;
  if (code === "EAUTH") {
    return new ConnectorError(
      `The SMTP server ${where} refused the login for ${credentials.user ?? "this user"}${responseCode ? ` (${responseCode})` : ""}: check the user and the password.`,
      { fieldErrors: { password: "The login was refused." } },
    );
  }
  if (responseCode && responseCode >= 400 && responseCode < 500) {
    return new ConnectorError(`The SMTP server ${where} answered ${responseCode} (try again later).`, { transient: true });
  }
  if (responseCode && responseCode >= 500) return new ConnectorError(`The SMTP server ${where} refused the message (${responseCode}).`);
  if (code === "ETLS") return new ConnectorError(`TLS with ${where} failed: check the port and the TLS setting.`);
  const transient = !code || TRANSIENT_CODES.has(code);
  return new ConnectorError(`Could not talk to the SMTP server ${where}${code ? ` (${code})` : ""}.`, { transient });
}

/** Runs `use` with a fresh transport (one message per step needs no pool), closed afterwards. */
export async function withTransport<T>(credentials: SmtpCredentials, use: (transport: Transporter) => Promise<T>): Promise<T> {
  let transport: Transporter | undefined;
  try {
    transport = await smtpTransport(credentials);
    return await use(transport);
  } catch (error) {
    throw smtpError(error, credentials);
  } finally {
    transport?.close();
  }
}
