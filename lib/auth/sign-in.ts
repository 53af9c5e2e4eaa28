// Checks an email and password, slowing down and then locking out repeated failures for one email.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottles, users, type User } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/passwords";

const WINDOW_MS = 15 * 60_000;
const SLOW_DOWN_AFTER = 3;
const LOCK_AFTER = 10;
const LOCK_MS = 15 * 60_000;

export type SignInResult = { ok: true; user: User } | { ok: false; message: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function checkCredentials(rawEmail: string, password: string): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  const db = getDb();
  const now = Date.now();
  const throttle = db.select().from(signInThrottles).where(eq(signInThrottles.email, email)).get();
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    const minutes = Math.ceil((throttle.lockedUntil - now) / 60_000);
    return {
      ok: false,
      message: `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (user && valid) {
    if (throttle) db.delete(signInThrottles).where(eq(signInThrottles.email, email)).run();
    return { ok: true, user };
  }

  const failures = throttle && now - throttle.lastFailureAt < WINDOW_MS ? throttle.failures + 1 : 1;
  const lockedUntil = failures >= LOCK_AFTER ? now + LOCK_MS : null;
  db.insert(signInThrottles)
    .values({ email, failures, lastFailureAt: now, lockedUntil })
    .onConflictDoUpdate({ target: signInThrottles.email, set: { failures, lastFailureAt: now, lockedUntil } })
    .run();
  if (failures >= SLOW_DOWN_AFTER) await sleep(Math.min(250 * 2 ** (failures - SLOW_DOWN_AFTER), 4000));
  return { ok: false, message: "Wrong email or password." };
}
