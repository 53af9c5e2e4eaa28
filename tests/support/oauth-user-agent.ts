// A minimal browser for the test provider: follows redirects by hand, keeps its cookies, fills the
// sign-in form and presses Allow or Deny, and stops at the redirect to our callback.
const MAX_STEPS = 20;

class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, raw = ""] = attribute.split("=").map((part) => part.trim());
        return (
          (key.toLowerCase() === "max-age" && Number(raw) <= 0) ||
          (key.toLowerCase() === "expires" && Date.parse(raw) <= Date.now())
        );
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  // One host and short-lived cookies: sending every cookie on every request is close enough.
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** The action of the form whose submit button reads `button`. */
function formAction(html: string, button: string): string {
  for (const form of html.match(/<form[\s\S]*?<\/form>/g) ?? []) {
    if (form.includes(`>${button}</button>`)) {
      const action = /action="([^"]+)"/.exec(form)?.[1];
      if (action) return action;
    }
  }
  throw new Error(`No form with a "${button}" button on the page:\n${html}`);
}

/**
 * Opens the authorization URL as a person would, signs in as `username`, answers the consent page
 * with `decision`, and returns the URL the provider sent the browser back to (our redirect URI).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  { username, decision, redirectUri }: { username: string; decision: "Allow" | "Deny"; redirectUri: string },
): Promise<URL> {
  const jar = new CookieJar();
  let request: { url: string; method: "GET" | "POST"; body?: URLSearchParams } = { url: authorizationUrl, method: "GET" };
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if (request.url.startsWith(redirectUri)) return new URL(request.url);
    const response = await fetch(request.url, {
      method: request.method,
      body: request.body,
      headers: { cookie: jar.header() },
      redirect: "manual",
    });
    jar.store(response);
    const location = response.headers.get("location");
    if (location) {
      request = { url: new URL(location, request.url).href, method: "GET" };
      continue;
    }
    const html = await response.text();
    if (!response.ok) throw new Error(`The provider answered ${response.status} at ${request.url}:\n${html}`);
    const onSignIn = html.includes(">Sign in</button>");
    const action = formAction(html, onSignIn ? "Sign in" : decision);
    request = {
      url: new URL(action, request.url).href,
      method: "POST",
      body: onSignIn ? new URLSearchParams({ username }) : new URLSearchParams(),
    };
  }
  throw new Error(`The provider did not send the browser back to ${redirectUri} within ${MAX_STEPS} steps.`);
}
