// Connect now / Reauthenticate for a connection that signs in through an OAuth app:
// GET /api/oauth/start?connectionId=<id>&returnTo=<page path>. Sets the sealed pending cookie and
// sends the browser to the provider; a refusal goes back to `returnTo` with `?oauth_error=`.
import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { beginOAuthConnection, FALLBACK_RETURN_TO, failureMessage, oauthReturnUrl } from "@/lib/connections/oauth-connect";
import { isSameSitePath } from "@/lib/connections/oauth-state";
import { publicUrl } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const requested = params.get("returnTo") ?? "";
  const returnTo = isSameSitePath(requested) ? requested : FALLBACK_RETURN_TO;
  const user = await currentUser();
  if (!user) {
    // Back to the page after signing in, where Connect now is one click away again.
    const signIn = new URL("/sign-in", publicUrl().origin);
    signIn.searchParams.set("callbackUrl", returnTo);
    return NextResponse.redirect(signIn, 302);
  }
  try {
    const { authorizationUrl, cookie } = await beginOAuthConnection(user, { connectionId: params.get("connectionId") ?? "", returnTo });
    const response = NextResponse.redirect(authorizationUrl, 302);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    // Another account's connection is told apart from none at all by nobody.
    if (error instanceof NotFoundError) return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: 404 });
    return NextResponse.redirect(oauthReturnUrl(returnTo, { error: failureMessage(error) }), 302);
  }
}
