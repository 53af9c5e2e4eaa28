// "Test connection" for a connection signed in through an OAuth app (the OAuth 2.0 app connector,
// and HTTP request with OAuth 2.0): call the app's Test URL with the access token when it has
// one. Otherwise refresh the token: a token that has not expired says nothing about whether the
// provider still accepts the sign-in (it may have been revoked), a refresh does.
import { type ConnectionContext, oauthAccessOf, type TestResult } from "@/lib/connectors/framework";
import { errorFromResponse } from "@/lib/connectors/outbound";

/** `2025-06-01 14:05 UTC`: one zone for everyone who reads the Connections tab. */
function formatTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export async function testOAuthAccess(ctx: ConnectionContext<unknown>): Promise<TestResult> {
  const oauth = oauthAccessOf(ctx);
  const { testUrl } = oauth.app();
  if (testUrl) {
    const url = new URL(testUrl);
    // A 401 is refreshed and retried once by oauth.fetch; one that stays is thrown from there.
    const response = await oauth.fetch(url, { headers: { Accept: "application/json, */*" } });
    if (!response.ok) throw await errorFromResponse(response, url.host);
    await response.body?.cancel();
    return { message: `${url.host} answered ${response.status} with this connection's access token.` };
  }
  const { expiresAt, refreshed } = await oauth.ensureFreshToken({ force: true });
  const until = expiresAt === null ? "the provider did not say until when" : `valid until ${formatTime(expiresAt)}`;
  if (!refreshed) {
    // Nothing was called: recorded as "not tested", never as a pass.
    return { checked: false, message: `Signed in, not tested: the provider gave no refresh token to check with, and the OAuth app has no Test URL. The access token is ${until}.` };
  }
  return { message: `The provider refreshed the access token; it is ${until}.` };
}
