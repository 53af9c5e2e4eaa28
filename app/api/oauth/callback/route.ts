// The provider sends the browser back here after sign-in and consent (the redirect URI that an
// admin registers at the provider). The pending cookie is spent whatever the outcome; the browser
// goes back to the page Connect now was pressed on, with `?oauth=connected` or `?oauth_error=`.
import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { finishedReturnUrl, finishOAuthConnection } from "@/lib/connections/oauth-connect";
import { PENDING_AUTHORIZATION_COOKIE, pendingAuthorizationCookieOptions } from "@/lib/connections/oauth-state";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const result = await finishOAuthConnection(await currentUser(), {
    sealedState: request.cookies.get(PENDING_AUTHORIZATION_COOKIE)?.value,
    callbackUrl: new URL(request.url),
  });
  const response = NextResponse.redirect(finishedReturnUrl(result), 302);
  response.cookies.set(PENDING_AUTHORIZATION_COOKIE, "", { ...pendingAuthorizationCookieOptions(), maxAge: 0 });
  return response;
}
