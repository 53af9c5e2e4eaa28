// Webhook tokens: stable, per integration and environment, checked without the database, and
// worthless once forged or made under another instance's key.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseWebhookToken, webhookAddress, webhookToken } from "@/lib/webhooks/token";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("webhook tokens", () => {
  it("name the integration and the environment, and are the same every time", () => {
    const production = webhookToken("int_abc123", "production");
    expect(production).toMatch(/^int_abc123\.p\.[A-Za-z0-9_-]{43}$/);
    expect(webhookToken("int_abc123", "production")).toBe(production);
    expect(parseWebhookToken(production)).toEqual({ integrationId: "int_abc123", kind: "production" });
    expect(parseWebhookToken(webhookToken("int_abc123", "development"))).toEqual({ integrationId: "int_abc123", kind: "development" });
  });

  it("refuse a changed MAC, a MAC moved to another integration or environment, and anything malformed", () => {
    const [id, , mac] = webhookToken("int_abc123", "production").split(".");
    const flipped = `${mac.startsWith("A") ? "B" : "A"}${mac.slice(1)}`;
    // The same 32 bytes spelled otherwise: the last character's two lowest bits are not part of the MAC.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const respelled = `${mac.slice(0, -1)}${alphabet[alphabet.indexOf(mac.at(-1)!) ^ 1]}`;
    for (const forged of [`${id}.p.${flipped}`, `${id}.p.${respelled}`, `int_other.p.${mac}`, `${id}.d.${mac}`, `${id}.p.${mac}x`, `${id}.p`, "", `${id}.x.${mac}`]) {
      expect(parseWebhookToken(forged), forged).toBeNull();
    }
  });

  it("depend on the instance's key: another key makes other tokens and refuses these", () => {
    const token = webhookToken("int_abc123", "production");
    vi.stubEnv("APP_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
    expect(webhookToken("int_abc123", "production")).not.toBe(token);
    expect(parseWebhookToken(token)).toBeNull();
  });

  it("make an absolute address on the public URL", () => {
    vi.stubEnv("PUBLIC_URL", "https://flows.acme.example");
    expect(webhookAddress("int_abc123", "development")).toBe(`https://flows.acme.example/api/hooks/${webhookToken("int_abc123", "development")}`);
  });
});
