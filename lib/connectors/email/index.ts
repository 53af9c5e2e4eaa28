// Email (SMTP): send mail through the account's own server. "Test connection" logs in for real
// (EHLO, STARTTLS when offered, AUTH) without sending anything.
import net from "node:net";
import { z } from "zod";
import { defineAction, defineConnector, type PropField } from "@/lib/connectors/framework";
import { withTransport, type SmtpCredentials } from "@/lib/connectors/email/smtp";
import { HOST_NAME } from "@/lib/validation";

const checkbox = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());
/** An optional text field: an empty one from the form means none. */
const optional = (label: string, max: number) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), z.string({ error: `${label} must be text.` }).max(max, `${label} must be at most ${max} characters.`).optional());
const mailbox = (label: string) =>
  z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`).max(500, `${label} must be at most 500 characters.`).refine((value) => /@[^@\s]+\.[^@\s]+>?$/.test(value), {
    message: `${label} must be an email address, like ada@example.com or Ada <ada@example.com>.`,
  });

const credentialsSchema = z.object({
  host: z
    .string({ error: "Host is required." })
    .trim()
    .toLowerCase()
    .min(1, "Host is required.")
    .max(253, "Host must be at most 253 characters.")
    .refine((host) => HOST_NAME.test(host) || net.isIP(host) !== 0, "Host must be a host name such as smtp.example.com, or an IP address."),
  port: z.coerce.number({ error: "Port must be a number." }).int("Port must be a whole number.").min(1, "Port must be 1 to 65535.").max(65535, "Port must be 1 to 65535."),
  secure: checkbox,
  user: optional("User", 500),
  password: optional("Password", 500),
  from: mailbox("From address"),
  testRecipient: z.preprocess((value) => (value === "" || value === null ? undefined : value), mailbox("Send test email to").optional()),
}) satisfies z.ZodType<SmtpCredentials>;

const fields: PropField[] = [
  { key: "host", label: "Host", type: "text", required: true, placeholder: "smtp.example.com" },
  { key: "port", label: "Port", type: "number", required: true, placeholder: "587" },
  { key: "secure", label: "TLS", type: "checkbox", hint: "Implicit TLS from the first byte (usually port 465). Unchecked, STARTTLS is used when the server offers it." },
  { key: "user", label: "User", type: "text" },
  { key: "password", label: "Password", type: "password", secret: true },
  { key: "from", label: "From address", type: "email", required: true, placeholder: "Acme <no-reply@acme.example.com>" },
  { key: "testRecipient", label: "Send test email to", type: "email", hint: "Optional. When set, Test connection also sends a short email here, to prove mail is delivered." },
];

const recipients = z
  .string({ error: "To is required." })
  .trim()
  .min(1, "To is required.")
  .transform((value) => value.split(/[,;]/).map((address) => address.trim()).filter(Boolean))
  .refine((list) => list.length <= 50, { message: "Send to at most 50 addresses at once." })
  .refine((list) => list.every((address) => /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)), { message: "To must be email addresses separated by commas." });

const sendEmailInput = z.object({
  to: recipients,
  subject: z.string({ error: "Subject is required." }).trim().min(1, "Subject is required.").max(998, "Subject must be at most 998 characters."),
  text: z.string({ error: "Text is required." }).max(1_000_000),
  html: optional("HTML", 1_000_000),
});

export const sendEmail = defineAction<z.infer<typeof sendEmailInput>, SmtpCredentials>({
  key: "send_email",
  name: "Send email",
  description: "Sends an email from the connection's From address.",
  props: [
    { key: "to", label: "To", type: "text", required: true, mappable: true, hint: "One or more addresses, separated by commas." },
    { key: "subject", label: "Subject", type: "text", required: true, mappable: true },
    { key: "text", label: "Text", type: "textarea", required: true, mappable: true },
    { key: "html", label: "HTML", type: "textarea", mappable: true, hint: "Optional; mail apps that show HTML show this instead of the text." },
  ],
  input: sendEmailInput,
  sampleOutput: { messageId: "<0c1d2e3f@acme.example.com>", accepted: ["ada@example.com"], rejected: [] },
  async run(ctx) {
    const { to, subject, text, html } = ctx.input;
    const info = await withTransport(ctx.credentials, (transport) => transport.sendMail({ from: ctx.credentials.from, to, subject, text, html }));
    return { messageId: info.messageId, accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) };
  },
});

export const email = defineConnector<SmtpCredentials>({
  key: "email",
  name: "Email (SMTP)",
  description: "Send email through your SMTP server.",
  icon: "M3 5h18v14H3zM3 5l9 7 9-7",
  auth: {
    kind: "fields",
    fields,
    schema: credentialsSchema,
    async test(ctx) {
      const { host, port, user, from, testRecipient } = ctx.credentials;
      await withTransport(ctx.credentials, async (transport) => {
        await transport.verify();
        if (testRecipient) {
          await transport.sendMail({ from, to: testRecipient, subject: "Test email from your SMTP connection", text: `Your SMTP connection to ${host}:${port} delivered this message.` });
        }
      });
      const who = user ? `logged in as ${user}` : "connected (no login)";
      return { message: `SMTP ${host}:${port} ${who}${testRecipient ? `; test email sent to ${testRecipient}` : ""}.` };
    },
  },
  triggers: [],
  actions: [sendEmail],
});
