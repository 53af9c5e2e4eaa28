// A person's browser against the built server, driven by fetch: it keeps the site's cookies,
// follows no redirect by itself (tests look at each one), and signs in through next-auth's
// credentials endpoint exactly as the sign-in form does.
import { expect } from "vitest";
import { PASSWORD } from "./fixtures";

export class Browser {
  cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { cookie: this.header() }, redirect: "manual" });
    this.keep(response);
    return response;
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async signIn(email: string): Promise<void> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch(new URL("/api/auth/callback/credentials", this.baseUrl), {
      method: "POST",
      headers: { cookie: this.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true" }),
      redirect: "manual",
    });
    this.keep(response);
    expect(this.cookies.has("next-auth.session-token")).toBe(true);
  }
}
