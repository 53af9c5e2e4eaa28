// The test provider's sign-in and consent pages: plain HTML forms with real labels, so Playwright
// finds them by role and name and a fetch-driven test by their form actions.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export function renderSignInPage({ uid, clientId, error }: { uid: string; clientId: string; error?: string }): string {
  return page(
    "Sign in",
    `<p>Sign in to continue to ${escapeHtml(clientId)}.</p>` +
      (error ? `<p role="alert">${escapeHtml(error)}</p>` : "") +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
      `<label for="username">Username</label> <input id="username" name="username" autocomplete="username" required autofocus>` +
      `<button type="submit">Sign in</button></form>`,
  );
}

export function renderConsentPage({ uid, clientId, scopes }: { uid: string; clientId: string; scopes: string[] }): string {
  const list = scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join("");
  return page(
    "Authorize access",
    `<p>${escapeHtml(clientId)} asks for access to your account${list ? ":" : "."}</p>${list ? `<ul>${list}</ul>` : ""}` +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/allow"><button type="submit">Allow</button></form>` +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/deny"><button type="submit">Deny</button></form>`,
  );
}
