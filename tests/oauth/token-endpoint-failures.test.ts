// Token endpoint failures during the code exchange: unreachable, overloaded, or not https.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { ConnectorError } from "@/lib/connectors/framework";
import { completeAuthorization } from "@/lib/connectors/oauth2/flow";
import { testPort } from "@/tests/support/server";

const UNREACHABLE_PORT = testPort(3619);
const FAILING_TOKEN_PORT = testPort(3618);
const redirectUri = "http://127.0.0.1:3611/api/oauth/callback";

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("completeAuthorization when the token endpoint fails", () => {
  // A callback as a provider without RFC 9207 `iss` would send it; no token endpoint ever saw this code.
  const callbackUrl = new URL(`${redirectUri}?code=some-code&state=the-state`);
  const attemptAt = (tokenUrl: string, allowInsecureRequests = true) =>
    completeAuthorization({
      server: { authorizeUrl: "https://provider.example/authorize", tokenUrl, allowInsecureRequests },
      client: { clientId: "app", clientSecret: "app-secret" },
      redirectUri,
      callbackUrl,
      expectedState: "the-state",
      codeVerifier: "v".repeat(43),
      fetch,
    });

  it("reports an unreachable token endpoint as transient", async () => {
    const error = await rejection(attemptAt(`http://127.0.0.1:${UNREACHABLE_PORT}/token`));
    expect(error.message).toBe(`Could not reach the provider's token endpoint (127.0.0.1:${UNREACHABLE_PORT}): ECONNREFUSED.`);
    expect(error.transient).toBe(true);
  });

  it("reports a 503 as transient, with the wait the provider asked for", async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(503, { "retry-after": "30", "content-type": "text/plain" });
      res.end("down for maintenance");
    });
    await new Promise<void>((resolve) => server.listen(FAILING_TOKEN_PORT, "127.0.0.1", resolve));
    try {
      const error = await rejection(attemptAt(`http://127.0.0.1:${FAILING_TOKEN_PORT}/token`));
      expect(error.message).toBe("The provider's token endpoint answered HTTP 503.");
      expect(error.transient).toBe(true);
      expect(error.retryAfterSeconds).toBe(30);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses a plain-http token URL unless insecure requests are allowed", async () => {
    const error = await rejection(attemptAt(`http://127.0.0.1:${UNREACHABLE_PORT}/token`, false));
    expect(error.message).toBe("The provider's token URL must use https.");
  });
});
