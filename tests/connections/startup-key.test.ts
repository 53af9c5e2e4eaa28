import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { errorOf } from "../support/fixtures";
import { startServer, testPort } from "../support/server";

const PORT = testPort(3570);

describe("the encryption key at server start-up", () => {
  it("starts with the key the data folder was first started with, and stops at once with a clear message with another", async () => {
    const key = crypto.randomBytes(32).toString("base64");
    const first = await startServer({ port: PORT, env: { APP_ENCRYPTION_KEY: key } });
    await first.stop();
    // The same key in hex is the same key.
    const again = await startServer({ port: PORT, env: { APP_ENCRYPTION_KEY: Buffer.from(key, "base64").toString("hex") } });
    await again.stop();

    const error = await errorOf(() => startServer({ port: PORT, env: { APP_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") } }));
    expect((error as Error).message).toMatch(/^The server exited with code 1 before it was healthy/);
    expect((error as Error).message).toContain(
      "Cannot start: APP_ENCRYPTION_KEY does not match the key that encrypted this data folder's credentials.",
    );
  });

  it("refuses a malformed key, naming APP_ENCRYPTION_KEY", async () => {
    const error = await errorOf(() => startServer({ port: PORT, env: { APP_ENCRYPTION_KEY: "too-short" } }));
    expect((error as Error).message).toMatch(/^The server exited with code 1 before it was healthy/);
    expect((error as Error).message).toContain("APP_ENCRYPTION_KEY must be exactly 32 bytes");
  });
});
