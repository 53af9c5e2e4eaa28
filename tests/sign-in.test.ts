import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkCredentials, type SignInResult } from "@/lib/auth/sign-in";
import { newAccount, PASSWORD } from "./support/fixtures";

const WRONG = "Wrong email or password.";
const LOCKED = /^Too many failed sign-ins for this email\. Try again in (\d+) minutes?\.$/;

// Repeated failures sleep (growing up to 4 s) before answering. setTimeout is faked so the tests
// do not wait; everything else (scrypt, SQLite, the clock) is real. setImmediate is not faked and
// lets the real asynchronous work (scrypt runs on the thread pool) make progress.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Signs in, firing each slow-down timer as soon as the product sets it. */
async function signIn(email: string, password: string): Promise<SignInResult> {
  let settled = false;
  const result = checkCredentials(email, password).finally(() => {
    settled = true;
  });
  while (!settled) {
    await tick();
    if (vi.getTimerCount() > 0) await vi.runOnlyPendingTimersAsync();
  }
  return result;
}

async function failTimes(email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expect(await signIn(email, "wrong password")).toEqual({ ok: false, message: WRONG });
}

describe("signing in", () => {
  it("accepts the right password", async () => {
    const { admin, email } = await newAccount();
    const result = await signIn(email, PASSWORD);
    expect(result.ok && result.user.id).toBe(admin.userId);
  });

  it("ignores the case and surrounding spaces of the email", async () => {
    const { admin, email } = await newAccount();
    const result = await signIn(`  ${email.toUpperCase()} `, PASSWORD);
    expect(result.ok && result.user.id).toBe(admin.userId);
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const { email } = await newAccount();
    expect(await signIn(email, "not the password")).toEqual({ ok: false, message: WRONG });
  });

  it("refuses an unknown email with the same message", async () => {
    expect(await signIn("nobody@example.com", PASSWORD)).toEqual({ ok: false, message: WRONG });
  });

  it("is case-sensitive about the password", async () => {
    const { email } = await newAccount();
    expect((await signIn(email, PASSWORD.toUpperCase())).ok).toBe(false);
  });
});

describe("repeated failures", () => {
  it("slow down the answer from the third failure on", async () => {
    const { email } = await newAccount();
    await failTimes(email, 2);
    let settled = false;
    const third = checkCredentials(email, "wrong password").finally(() => {
      settled = true;
    });
    while (vi.getTimerCount() === 0) await tick();
    // The answer waits for the slow-down timer: it has not come after the password check.
    await tick();
    expect(settled).toBe(false);
    await vi.runOnlyPendingTimersAsync();
    expect(await third).toEqual({ ok: false, message: WRONG });
  });

  it("lock the email after ten failures, even against the right password", async () => {
    const { email } = await newAccount();
    await failTimes(email, 10);
    const result = await signIn(email, PASSWORD);
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    expect(message).toMatch(LOCKED);
    expect(Number(LOCKED.exec(message)?.[1])).toBe(15);
  });

  it("lock for fifteen minutes, counting down, then let the right password in", async () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"], now: new Date("2026-03-02T09:00:00Z") });
    const { email } = await newAccount();
    await failTimes(email, 10);
    // The fake clock also moved through the slow-down sleeps; count from the last failure.
    const lockedAt = Date.now();
    vi.setSystemTime(lockedAt + 14.5 * 60_000);
    expect(await signIn(email, PASSWORD)).toEqual({
      ok: false,
      message: "Too many failed sign-ins for this email. Try again in 1 minute.",
    });
    vi.setSystemTime(lockedAt + 15 * 60_000);
    expect((await signIn(email, PASSWORD)).ok).toBe(true);
  });

  it("start counting again once the lock has passed", async () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"], now: new Date("2026-03-02T09:00:00Z") });
    const { email } = await newAccount();
    await failTimes(email, 10);
    vi.setSystemTime(Date.now() + 16 * 60_000);
    await failTimes(email, 9);
    expect((await signIn(email, PASSWORD)).ok).toBe(true);
  });

  it("lock the email whatever case it is typed in", async () => {
    const { email } = await newAccount();
    await failTimes(email.toUpperCase(), 10);
    const result = await signIn(email, PASSWORD);
    expect(!result.ok && result.message).toMatch(LOCKED);
  });

  it("lock only that email", async () => {
    const locked = await newAccount();
    const other = await newAccount();
    await failTimes(locked.email, 10);
    expect((await signIn(other.email, PASSWORD)).ok).toBe(true);
  });

  it("lock an unknown email too, so guessing reveals nothing", async () => {
    await failTimes("ghost@example.com", 10);
    const result = await signIn("ghost@example.com", "anything at all");
    expect(!result.ok && result.message).toMatch(LOCKED);
  });

  it("are counted even when they arrive at the same time", async () => {
    const { email } = await newAccount();
    const guesses = Array.from({ length: 10 }, (_, i) => checkCredentials(email, `guess ${i}`));
    let settled = false;
    const all = Promise.all(guesses).finally(() => {
      settled = true;
    });
    while (!settled) {
      await tick();
      if (vi.getTimerCount() > 0) await vi.runOnlyPendingTimersAsync();
    }
    expect((await all).every((r) => !r.ok)).toBe(true);
    const result = await signIn(email, PASSWORD);
    expect(!result.ok && result.message).toMatch(LOCKED);
  });
});

describe("a successful sign-in", () => {
  it("resets the failure count", async () => {
    const { email } = await newAccount();
    await failTimes(email, 9);
    expect((await signIn(email, PASSWORD)).ok).toBe(true);
    // Nine more failures after the reset are not yet ten in a row.
    await failTimes(email, 9);
    expect((await signIn(email, PASSWORD)).ok).toBe(true);
  });
});
