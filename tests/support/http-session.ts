// A person's session over plain HTTP against the built server: cookies kept as a browser keeps
// them for the site, sign-in through next-auth's credentials endpoint as the sign-in form does.
import { PASSWORD } from "./fixtures";

export class HttpSession {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async get(path: string): Promise<Response> {
    return this.send(path, { method: "GET" });
  }

  async send(path: string, init: RequestInit): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers: { ...init.headers, cookie: this.header() }, redirect: "manual" });
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

  /** Signs in; true when next-auth set a session cookie. */
  async signIn(email: string, password = PASSWORD): Promise<boolean> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await this.send("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
    });
    return this.cookies.has("next-auth.session-token");
  }
}
