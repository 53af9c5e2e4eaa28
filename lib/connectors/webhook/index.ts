// Webhook: "Catch webhook" starts a run per item POSTed to `/api/hooks/<token>` (a JSON array is
// N items). The endpoint comes with the engine; this is the declaration and the optional signing
// secret, kept in a connection so it is encrypted and never exported with the integration.
import { z } from "zod";
import { defineConnector, defineTrigger } from "@/lib/connectors/framework";
import { SIGNATURE_HEADER } from "@/lib/connectors/webhook/signature";

type WebhookCredentials = { signingSecret: string };

export const catchWebhook = defineTrigger<Record<string, never>, WebhookCredentials>({
  key: "catch_webhook",
  name: "Catch webhook",
  description: "Starts a run for each item POSTed to the integration's webhook address; a JSON array is one run per element.",
  type: "webhook",
  props: [],
  options: z.object({}).strict(),
  sampleOutput: () => ({ body: { id: 1, email: "ada@example.com" }, headers: { "content-type": "application/json" }, receivedAt: "2025-01-01T09:00:00.000Z" }),
});

export const webhook = defineConnector<WebhookCredentials>({
  key: "webhook",
  name: "Webhook",
  description: "Receive data from any system that can send an HTTP POST.",
  icon: "M12 3a5 5 0 0 0-4.6 7L4 16a3 3 0 1 0 2 1.7l3.5-6A5 5 0 1 0 12 3zm6 11a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
  auth: {
    kind: "fields",
    optional: true,
    fields: [
      {
        key: "signingSecret",
        label: "Signing secret",
        type: "password",
        required: true,
        secret: true,
        hint: `Senders sign the raw body with HMAC-SHA256 and send ${SIGNATURE_HEADER}: sha256=<hex>; unsigned requests are refused.`,
      },
    ],
    schema: z.object({
      signingSecret: z.string({ error: "Signing secret is required." }).min(16, "Signing secret must be at least 16 characters.").max(200, "Signing secret must be at most 200 characters."),
    }),
    // There is nothing to call: the secret is checked on each request that arrives.
    test: async () => ({ checked: false, message: "Saved. A signing secret has nothing to call; it is checked on every webhook request received." }),
  },
  triggers: [catchWebhook],
  actions: [],
});
