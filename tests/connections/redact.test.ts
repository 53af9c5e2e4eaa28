import { describe, expect, it } from "vitest";
import { redactSecrets } from "@/lib/connections/redact";

const PASSWORD = "basic pass/Vole+2=";

describe("redacting a connection's secrets", () => {
  it("replaces a secret as is, URL-encoded, form-encoded and in base64", () => {
    const echoed = {
      error: `GET /reject?key=${encodeURIComponent(PASSWORD)} was refused`,
      form: new URLSearchParams({ password: PASSWORD }).toString(),
      plain: `password ${PASSWORD}`,
    };
    expect(redactSecrets(echoed, [PASSWORD])).toEqual({
      error: "GET /reject?key=[redacted] was refused",
      form: "password=[redacted]",
      plain: "password [redacted]",
    });
  });

  it("removes the password from a Basic header that encodes it with the user name, at any alignment", () => {
    for (const user of ["a", "ab", "abc"]) {
      const header = `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString("base64")}`;
      const redacted = redactSecrets(header, [PASSWORD]);
      expect(redacted).toContain("[redacted]");
      expect(Buffer.from(redacted.slice("Basic ".length), "base64").toString("utf8")).not.toContain(PASSWORD.slice(2, -2));
    }
  });

  it("changes only strings, so a secret that reads like a number leaves the structure alone", () => {
    expect(redactSecrets({ status: 1234, body: "code 1234", list: [1234, "1234"] }, ["1234"])).toEqual({ status: 1234, body: "code [redacted]", list: [1234, "[redacted]"] });
  });
});
