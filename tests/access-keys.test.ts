import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accessKeys } from "@/db/schema";
import { removeUser, changeRole } from "@/lib/accounts/users";
import { authenticateAccessKey, createAccessKey, revokeAccessKey, UnauthorizedError } from "@/lib/access-keys/access-keys";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { errorOf, newAccount, newUser } from "./support/fixtures";

const keyRow = (id: string) => getDb().select().from(accessKeys).where(eq(accessKeys.id, id)).get();

async function refusal(keyId: string | null, secret: string | null): Promise<string> {
  const error = await errorOf(() => authenticateAccessKey(keyId, secret));
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect((error as UnauthorizedError).code).toBe("unauthorized");
  return (error as Error).message;
}

describe("creating an access key", () => {
  it("returns the secret once and stores only its SHA-256 hash", async () => {
    const { admin, accountId } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "Zapier" });
    expect(key.id).toMatch(/^AK[A-Z2-9]{18}$/);
    expect(key.secret.length).toBeGreaterThanOrEqual(43);
    expect(key.environmentId).toBe(accountId);

    const row = keyRow(key.id)!;
    expect(row).toMatchObject({ userId: admin.userId, environmentId: accountId, name: "Zapier", revokedAt: null, lastUsedAt: null });
    expect(row.secretHash).toBe(crypto.createHash("sha256").update(key.secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(key.secret);
  });

  it("makes a different secret every time", async () => {
    const { admin } = await newAccount();
    const first = createAccessKey(admin, "production", { name: "One" });
    const second = createAccessKey(admin, "production", { name: "Two" });
    expect(first.id).not.toBe(second.id);
    expect(first.secret).not.toBe(second.secret);
  });

  it("needs a name", async () => {
    const { admin } = await newAccount();
    const error = await errorOf(() => createAccessKey(admin, "production", { name: " " }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ name: "Key name is required." });
  });

  it("is allowed to every role, for their own use", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const key = createAccessKey(member, "development", { name: "Scripts" });
    expect(keyRow(key.id)?.userId).toBe(member.userId);
  });
});

describe("keys per environment", () => {
  it("belong to the environment they were created in", async () => {
    const { admin, accountId } = await newAccount();
    const dev = createAccessKey(admin, "development", { name: "Dev" });
    const prod = createAccessKey(admin, "production", { name: "Prod" });
    expect(dev.environmentId).toBe(`${accountId}-dev`);
    expect(authenticateAccessKey(dev.id, dev.secret).environment).toMatchObject({ id: `${accountId}-dev`, kind: "development" });
    expect(authenticateAccessKey(prod.id, prod.secret).environment).toMatchObject({ id: accountId, kind: "production" });
  });
});

describe("authenticating with an access key", () => {
  it("returns the key's user as the actor, labelled key:<id>, with the key's environment", async () => {
    const { admin, accountId } = await newAccount();
    const builder = await newUser(admin, "builder");
    const key = createAccessKey(builder, "production", { name: "CI" });
    const auth = authenticateAccessKey(key.id, key.secret);
    expect(auth.actor).toEqual({ userId: builder.userId, accountId, role: "builder", label: `key:${key.id}` });
    expect(auth.environment.id).toBe(accountId);
    expect(auth.key.id).toBe(key.id);
  });

  it("acts with the user's current role", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const key = createAccessKey(member, "production", { name: "CI" });
    changeRole(admin, member.userId, "builder");
    expect(authenticateAccessKey(key.id, key.secret).actor.role).toBe("builder");
  });

  it("records when the key was last used", async () => {
    const { admin } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "CI" });
    const before = Date.now();
    authenticateAccessKey(key.id, key.secret);
    expect(keyRow(key.id)?.lastUsedAt).toBeGreaterThanOrEqual(before);
  });

  it("refuses missing headers, saying which headers to send", async () => {
    const { admin } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "CI" });
    const expected = "Send your access key in the X-Access-Key-Id and X-Access-Key-Secret headers.";
    expect(await refusal(null, null)).toBe(expected);
    expect(await refusal(key.id, null)).toBe(expected);
    expect(await refusal(null, key.secret)).toBe(expected);
    expect(await refusal("", "")).toBe(expected);
  });

  it("refuses a wrong secret or an unknown key ID with the same message", async () => {
    const { admin } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "CI" });
    const other = createAccessKey(admin, "production", { name: "Other" });
    const expected = "The access key ID or secret is wrong.";
    expect(await refusal(key.id, "not-the-secret")).toBe(expected);
    expect(await refusal(key.id, other.secret)).toBe(expected);
    expect(await refusal(key.id, key.secret.toUpperCase())).toBe(expected);
    expect(await refusal("AKUNKNOWNUNKNOWNUNKN", key.secret)).toBe(expected);
  });

  it("refuses a revoked key, saying it was revoked", async () => {
    const { admin } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "CI" });
    revokeAccessKey(admin, key.id);
    expect(keyRow(key.id)?.revokedAt).toEqual(expect.any(Number));
    expect(await refusal(key.id, key.secret)).toMatch(/revoked/);
  });

  it("does not tell that a key was revoked to someone without its secret", async () => {
    const { admin } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "CI" });
    revokeAccessKey(admin, key.id);
    expect(await refusal(key.id, "guess")).toBe("The access key ID or secret is wrong.");
  });

  it("refuses the keys of a removed user", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const key = createAccessKey(member, "production", { name: "CI" });
    removeUser(admin, member.userId);
    expect(await refusal(key.id, key.secret)).toBe("The access key ID or secret is wrong.");
  });
});

describe("revoking an access key", () => {
  it("is done by the key's owner and leaves their other keys working", async () => {
    const { admin } = await newAccount();
    const revoked = createAccessKey(admin, "production", { name: "Old" });
    const kept = createAccessKey(admin, "production", { name: "New" });
    revokeAccessKey(admin, revoked.id);
    expect(authenticateAccessKey(kept.id, kept.secret).key.id).toBe(kept.id);
  });

  it("treats another user's key as not found, even for an admin", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    const key = createAccessKey(member, "production", { name: "Mine" });
    expect(() => revokeAccessKey(admin, key.id)).toThrow(NotFoundError);
    const stranger = await newAccount("Globex");
    expect(() => revokeAccessKey(stranger.admin, key.id)).toThrow(NotFoundError);
    expect(authenticateAccessKey(key.id, key.secret).actor.userId).toBe(member.userId);
  });

  it("treats an unknown or already revoked key as not found", async () => {
    const { admin } = await newAccount();
    const key = createAccessKey(admin, "production", { name: "CI" });
    revokeAccessKey(admin, key.id);
    expect(() => revokeAccessKey(admin, key.id)).toThrow("The access key was not found.");
    expect(() => revokeAccessKey(admin, "AKNOPE")).toThrow(NotFoundError);
  });
});
