// The signed-in user of the current request, always re-read from the database so a removed user
// or a changed role takes effect at once.
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { accounts, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";

export type SessionUser = Actor & { name: string; email: string; accountName: string };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id ?? null;
  if (!userId) return null;
  const row = getDb()
    .select({
      userId: users.id,
      accountId: users.accountId,
      role: users.role,
      name: users.name,
      email: users.email,
      accountName: accounts.name,
    })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, userId))
    .get();
  return row ? { ...row, label: `user:${row.userId}` } : null;
}

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
