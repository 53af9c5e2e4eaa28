// next-auth configuration: email + password sign-in, sessions as signed JWT cookies that carry
// only the user's ID (everything else is read from the database on each request).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret, secureCookies } from "@/lib/config";
import { checkCredentials } from "@/lib/auth/sign-in";

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    callbacks: {
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) throw new Error("Enter your email and password.");
          const result = await checkCredentials(credentials.email, credentials.password);
          // A thrown message reaches the sign-in form as `error`.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
  };
}
