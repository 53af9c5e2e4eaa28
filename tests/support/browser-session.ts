// A signed-in visitor over plain HTTP: keeps cookies by name as a browser does for one site, and
// signs in through next-auth's credentials endpoint as the sign-in form does. Used by tests of
// routes behind a session and by the benchmark, which loads pages as a signed-in admin.
export class BrowserSession {
  readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { cookie: this.cookieHeader() }, redirect: "manual" });
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

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Signs in with the email and password; throws when no session cookie comes back. */
  async signIn(email: string, password: string): Promise<void> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch(new URL("/api/auth/callback/credentials", this.baseUrl), {
      method: "POST",
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
      redirect: "manual",
    });
    this.keep(response);
    if (![...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) throw new Error(`Signing in as ${email} gave no session (HTTP ${response.status}).`);
  }
}
