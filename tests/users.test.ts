import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { addUser, changeRole, removeUser } from "@/lib/accounts/users";
import { checkCredentials } from "@/lib/auth/sign-in";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { countRows, errorOf, newAccount, newUser, PASSWORD } from "./support/fixtures";

const userRow = (id: string) => getDb().select().from(users).where(eq(users.id, id)).get();

describe("adding users", () => {
  it("lets an admin add a user with a role, who can then sign in", async () => {
    const { admin, accountId } = await newAccount();
    const { id } = await addUser(admin, { name: "Bob Builder", email: " Bob@Example.com ", role: "builder", password: PASSWORD });
    expect(userRow(id)).toMatchObject({ accountId, name: "Bob Builder", email: "bob@example.com", role: "builder" });
    const signIn = await checkCredentials("bob@example.com", PASSWORD);
    expect(signIn.ok && signIn.user.id).toBe(id);
  });

  it("adds admins, builders and members", async () => {
    const { admin } = await newAccount();
    for (const role of ["admin", "builder", "member"] as const) {
      const user = await newUser(admin, role);
      expect(userRow(user.userId)?.role).toBe(role);
    }
  });

  it("refuses builders and members", async () => {
    const { admin } = await newAccount();
    const before = countRows(users);
    for (const role of ["builder", "member"] as const) {
      const actor = await newUser(admin, role);
      const error = await errorOf(() => addUser(actor, { name: "X", email: `x-${role}@example.com`, role: "member", password: PASSWORD }));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toBe("Only an admin can add users.");
    }
    expect(countRows(users)).toBe(before + 2);
  });

  it("refuses an email already in use, in this account or another", async () => {
    const { admin, email } = await newAccount();
    const other = await newAccount("Globex");
    for (const actor of [admin, other.admin]) {
      const error = await errorOf(() => addUser(actor, { name: "Twin", email: email.toUpperCase(), role: "member", password: PASSWORD }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fieldErrors).toEqual({ email: "This email is already registered." });
    }
  });

  it("names each wrong field, including an unknown role", async () => {
    const { admin } = await newAccount();
    const error = await errorOf(() => addUser(admin, { name: "", email: "nope", role: "owner", password: "123" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    expect((error as ValidationError).fieldErrors?.role).toBe("Choose a role: admin, builder or member.");
  });
});

describe("changing roles", () => {
  it("lets an admin change a user's role", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    changeRole(admin, member.userId, "builder");
    expect(userRow(member.userId)?.role).toBe("builder");
    changeRole(admin, member.userId, "admin");
    expect(userRow(member.userId)?.role).toBe("admin");
  });

  it("refuses builders and members", async () => {
    const { admin } = await newAccount();
    const builder = await newUser(admin, "builder");
    const member = await newUser(admin, "member");
    expect(() => changeRole(builder, member.userId, "admin")).toThrow(ForbiddenError);
    expect(() => changeRole(member, member.userId, "admin")).toThrow(ForbiddenError);
    expect(userRow(member.userId)?.role).toBe("member");
  });

  it("refuses an unknown role", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    expect(() => changeRole(admin, member.userId, "owner")).toThrow(ValidationError);
  });

  it("never demotes the last admin", async () => {
    const { admin } = await newAccount();
    expect(() => changeRole(admin, admin.userId, "builder")).toThrow("The account needs at least one admin.");
    expect(userRow(admin.userId)?.role).toBe("admin");
  });

  it("lets an admin step down while another admin remains", async () => {
    const { admin } = await newAccount();
    const second = await newUser(admin, "admin");
    changeRole(admin, admin.userId, "member");
    expect(userRow(admin.userId)?.role).toBe("member");
    expect(() => changeRole(second, second.userId, "member")).toThrow(ValidationError);
  });

  it("does not count another account's admins", async () => {
    const { admin } = await newAccount();
    await newAccount("Globex");
    expect(() => changeRole(admin, admin.userId, "member")).toThrow(ValidationError);
  });
});

describe("removing users", () => {
  it("lets an admin remove a user", async () => {
    const { admin } = await newAccount();
    const member = await newUser(admin, "member");
    removeUser(admin, member.userId);
    expect(userRow(member.userId)).toBeUndefined();
    expect((await checkCredentials(member.email, PASSWORD)).ok).toBe(false);
  });

  it("refuses to remove yourself", async () => {
    const { admin } = await newAccount();
    await newUser(admin, "admin");
    expect(() => removeUser(admin, admin.userId)).toThrow("You cannot remove yourself.");
    expect(userRow(admin.userId)).toBeDefined();
  });

  it("refuses builders and members", async () => {
    const { admin } = await newAccount();
    const builder = await newUser(admin, "builder");
    const member = await newUser(admin, "member");
    expect(() => removeUser(builder, member.userId)).toThrow(ForbiddenError);
    expect(userRow(member.userId)).toBeDefined();
  });
});

describe("another account's users", () => {
  it("are not found, for changing a role or removing", async () => {
    const { admin } = await newAccount();
    const globex = await newAccount("Globex");
    const stranger = await newUser(globex.admin, "member");
    expect(() => changeRole(admin, stranger.userId, "admin")).toThrow(NotFoundError);
    expect(() => removeUser(admin, stranger.userId)).toThrow(NotFoundError);
    expect(() => changeRole(admin, "usr_doesnotexist", "admin")).toThrow(NotFoundError);
    expect(userRow(stranger.userId)?.role).toBe("member");
  });
});
