import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendEmail } from "@/lib/connectors/email";
import type { SmtpCredentials } from "@/lib/connectors/email/smtp";
import { ConnectorError, type ConnectionContext } from "@/lib/connectors/framework";
import { getConnector } from "@/lib/connectors/registry";
import { parseOrThrow } from "@/lib/validation";
import { testContext } from "../support/connectors";
import { errorOf } from "../support/fixtures";
import { testPort } from "../support/server";
import { startSmtpServer } from "../support/smtp-server";

// A real SMTP server on loopback: plain SMTP (no STARTTLS), one account.
const PORT = testPort(3550);
const CLOSED_PORT = testPort(3551);
const USER = "mailer@acme.example.com";
const PASSWORD = "smtp-pass-123";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const received = () => smtp.received;

beforeAll(async () => {
  smtp = await startSmtpServer({ port: PORT, user: USER, password: PASSWORD });
});

afterAll(() => smtp.stop());

beforeEach(() => {
  vi.stubEnv("ALLOW_PRIVATE_NETWORK", "true");
  smtp.received.length = 0;
});

const email = getConnector("email")!;
if (email.auth.kind !== "fields") throw new Error("Email has fields auth");
const auth = email.auth;

function context(overrides: Partial<Record<keyof SmtpCredentials, unknown>> = {}): ConnectionContext<SmtpCredentials> {
  const credentials = parseOrThrow(auth.schema, { host: "127.0.0.1", port: String(PORT), secure: false, user: USER, password: PASSWORD, from: `Acme <${USER}>`, ...overrides }) as SmtpCredentials;
  return testContext(credentials);
}

describe("Email (SMTP) against a real SMTP server", () => {
  it("tests the connection by logging in", async () => {
    expect(await auth.test(context())).toEqual({ message: `SMTP 127.0.0.1:${PORT} logged in as ${USER}.` });
    expect(received()).toEqual([]);
  });

  it("also sends a test email when a test recipient is set", async () => {
    const { message } = await auth.test(context({ testRecipient: "ops@acme.example.com" }));
    expect(message).toBe(`SMTP 127.0.0.1:${PORT} logged in as ${USER}; test email sent to ops@acme.example.com.`);
    expect(received()).toHaveLength(1);
    expect(received()[0].to).toEqual(["ops@acme.example.com"]);
    expect(received()[0].raw).toContain("Subject: Test email from your SMTP connection");
  });

  it("fails with 'login refused' and no retry for a wrong password", async () => {
    const error = await errorOf(() => auth.test(context({ password: "wrong" })));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ transient: false });
    expect((error as Error).message).toBe(`The SMTP server 127.0.0.1:${PORT} refused the login for ${USER} (535): check the user and the password.`);
    expect((error as Error).message).toContain("refused the login");
    expect((error as Error).message).not.toContain("wrong");
  });

  it("gives a transient error when the server is unreachable", async () => {
    const error = await errorOf(() => auth.test(context({ port: CLOSED_PORT })));
    expect(error).toMatchObject({ transient: true });
    expect((error as Error).message).toMatch(new RegExp(`^Could not talk to the SMTP server 127\\.0\\.0\\.1:${CLOSED_PORT}`));
  });

  it("refuses a private SMTP host unless private addresses are allowed", async () => {
    vi.stubEnv("ALLOW_PRIVATE_NETWORK", undefined);
    const error = await errorOf(() => auth.test(context({ host: "localhost" })));
    expect((error as Error).message).toMatch(/^Refused to connect to localhost: it is a private, loopback or link-local address \(127\.0\.0\.1\)/);
  });

  it("sends an email the server receives with its subject, text and HTML", async () => {
    const ctx = context();
    const input = parseOrThrow(sendEmail.input, { to: "ada@example.com, grace@example.com", subject: "Order 42 shipped", text: "Your order is on its way.", html: "<p>Your order is <b>on its way</b>.</p>" });
    const output = (await sendEmail.run({ ...ctx, input, idempotencyKey: "run:step" })) as { messageId: string; accepted: string[] };
    expect(output.accepted).toEqual(["ada@example.com", "grace@example.com"]);
    expect(output.messageId).toMatch(/^<.+>$/);
    expect(received()).toHaveLength(1);
    expect(received()[0].from).toBe(USER);
    expect(received()[0].to).toEqual(["ada@example.com", "grace@example.com"]);
    expect(received()[0].raw).toContain("Subject: Order 42 shipped");
    expect(received()[0].raw).toContain("Your order is on its way.");
    expect(received()[0].raw).toContain("<p>Your order is <b>on its way</b>.</p>");
  });

  it("checks the form: port range, From address, recipients", () => {
    expect(() => context({ port: 70000 })).toThrow("Port must be 1 to 65535.");
    expect(() => context({ from: "not an address" })).toThrow("From address must be an email address");
    expect(() => parseOrThrow(sendEmail.input, { to: "ada@", subject: "s", text: "t" })).toThrow("To must be email addresses separated by commas.");
  });

  it("takes an HTML body of any length up to 1,000,000 characters", () => {
    const html = `<p>${"x".repeat(10_000)}</p>`;
    expect(parseOrThrow(sendEmail.input, { to: "ada@example.com", subject: "s", text: "t", html }).html).toBe(html);
    expect(() => parseOrThrow(sendEmail.input, { to: "ada@example.com", subject: "s", text: "t", html: "x".repeat(1_000_001) })).toThrow("HTML must be at most 1000000 characters.");
  });
});
