// Checks an email and password, slowing down and then locking out repeated failures for one email.
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottles, users, type User } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/passwords";

const WINDOW_MS = 15 * 60_000;
const SLOW_DOWN_AFTER = 3;
const LOCK_AFTER = 10;
const LOCK_MS = 15 * 60_000;

export type SignInResult = { ok: true; user: User } | { ok: false; message: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lockedOut(email: string, now: number): SignInResult | undefined {
  const throttle = getDb().select().from(signInThrottles).where(eq(signInThrottles.email, email)).get();
  if (!throttle?.lockedUntil || throttle.lockedUntil <= now) return undefined;
  const minutes = Math.ceil((throttle.lockedUntil - now) / 60_000);
  return {
    ok: false,
    message: `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  };
}

/** Counts one failure in a single statement, so failures arriving at the same time all count. */
function recordFailure(email: string, now: number): number {
  const failures = sql`CASE WHEN ${signInThrottles.lastFailureAt} > ${now - WINDOW_MS} THEN ${signInThrottles.failures} + 1 ELSE 1 END`;
  const row = getDb()
    .insert(signInThrottles)
    .values({ email, failures: 1, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: signInThrottles.email,
      set: { failures, lastFailureAt: now, lockedUntil: sql`CASE WHEN ${failures} >= ${LOCK_AFTER} THEN ${now + LOCK_MS} ELSE NULL END` },
    })
    .returning({ failures: signInThrottles.failures })
    .get();
  return row.failures;
}

export async function checkCredentials(rawEmail: string, password: string): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  const db = getDb();
  const locked = lockedOut(email, Date.now());
  if (locked) return locked;

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  // Other attempts for this email may have failed, and locked it, while this one was hashing.
  const now = Date.now();
  const lockedMeanwhile = lockedOut(email, now);
  if (lockedMeanwhile) return lockedMeanwhile;
  if (user && valid) {
    db.delete(signInThrottles).where(eq(signInThrottles.email, email)).run();
    return { ok: true, user };
  }

  const failures = recordFailure(email, now);
  if (failures >= SLOW_DOWN_AFTER) await sleep(Math.min(250 * 2 ** (failures - SLOW_DOWN_AFTER), 4000));
  return { ok: false, message: "Wrong email or password." };
}
