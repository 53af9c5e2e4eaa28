import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accounts, environments, users } from "@/db/schema";
import { createAccount } from "@/lib/accounts/create-account";
import { appOfAccount, createApp, deleteApp, renameApp } from "@/lib/apps/apps";
import { addField, boardOfAccount, createBoard, deleteBoard } from "@/lib/boards/boards";
import { environmentOf } from "@/lib/environments";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/passwords";
import { deploy } from "@/lib/deploy/deploy";
import { createItems, deleteItem, getItem, listItems, updateItem } from "@/lib/items/items";
import { countRows, errorOf, newAccount, newBoard, PASSWORD } from "./support/fixtures";

describe("creating an account", () => {
  it("makes the account, its Production and Development environments and an admin", async () => {
    const { accountId, userId, email } = await createAccount({
      companyName: "  Acme Ltd ",
      name: "Ada Admin",
      email: " Ada@Example.COM ",
      password: PASSWORD,
    });
    expect(accountId).toMatch(/^Ac[0-9A-Za-z]{6}$/);
    expect(email).toBe("ada@example.com");

    const db = getDb();
    expect(db.select().from(accounts).where(eq(accounts.id, accountId)).get()?.name).toBe("Acme Ltd");
    const envs = db.select().from(environments).where(eq(environments.accountId, accountId)).all();
    expect(envs.map((e) => [e.kind, e.id]).sort()).toEqual([
      ["development", `${accountId}-dev`],
      ["production", accountId],
    ]);
    expect(environmentOf(accountId, "production").id).toBe(accountId);
    expect(environmentOf(accountId, "development").id).toBe(`${accountId}-dev`);

    const user = db.select().from(users).where(eq(users.id, userId)).get();
    expect(user).toMatchObject({ accountId, name: "Ada Admin", email: "ada@example.com", role: "admin" });
  });

  it("stores the password as an scrypt hash, never in plain text", async () => {
    const { admin } = await newAccount();
    const user = getDb().select().from(users).where(eq(users.id, admin.userId)).get()!;
    expect(user.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
    expect(await verifyPassword("not the password", user.passwordHash)).toBe(false);
  });

  it("salts every hash, so the same password never gives the same hash twice", async () => {
    const first = await newAccount();
    const second = await newAccount();
    const hashOf = (id: string) => getDb().select().from(users).where(eq(users.id, id)).get()!.passwordHash;
    expect(hashOf(first.admin.userId)).not.toBe(hashOf(second.admin.userId));
  });

  it("refuses an email already registered, ignoring case and spaces, and writes nothing", async () => {
    const { email } = await newAccount();
    const before = [countRows(accounts), countRows(environments), countRows(users)];
    const error = await errorOf(() =>
      createAccount({ companyName: "Copycat", name: "Eve", email: `  ${email.toUpperCase()} `, password: PASSWORD }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fieldErrors?.email).toMatch(/already registered/);
    expect([countRows(accounts), countRows(environments), countRows(users)]).toEqual(before);
  });

  it("names every wrong field: empty company and name, bad email, short password", async () => {
    const before = countRows(accounts);
    const error = await errorOf(() => createAccount({ companyName: "  ", name: "", email: "not-an-email", password: "short" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      companyName: "Company name is required.",
      name: "Your name is required.",
      email: "Enter a valid email address.",
      password: "Password must be at least 8 characters.",
    });
    expect(countRows(accounts)).toBe(before);
  });

  it("refuses a missing email and a missing password with a message for each", async () => {
    const error = await errorOf(() => createAccount({ companyName: "Acme", name: "Ada" } as never));
    expect((error as ValidationError).fieldErrors).toMatchObject({
      email: "Email is required.",
      password: "Password is required.",
    });
  });

  it("gives every account its own Account ID", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await newAccount()).accountId);
    expect(ids.size).toBe(5);
  });
});

describe("two accounts", () => {
  async function twoAccounts() {
    const acme = await newAccount("Acme");
    const globex = await newAccount("Globex");
    const { app, board } = newBoard(globex.admin, "Globex CRM", "Leads");
    addField(globex.admin, board.id, { label: "Name", type: "text" });
    deploy(globex.admin, app.id);
    const globexProd = environmentOf(globex.accountId, "production");
    const [item] = createItems(globex.admin, globexProd, board.id, [{ name: "Secret lead" }]);
    return { acme, globex, app, board, item, globexProd };
  }

  it("never see each other's apps", async () => {
    const { acme, app } = await twoAccounts();
    expect(() => appOfAccount(acme.admin, app.id)).toThrow(NotFoundError);
    expect(() => renameApp(acme.admin, app.id, { name: "Mine now" })).toThrow(NotFoundError);
    expect(() => deleteApp(acme.admin, app.id)).toThrow(NotFoundError);
    expect(() => createBoard(acme.admin, app.id, { name: "Sneaky" })).toThrow(NotFoundError);
  });

  it("never see each other's boards", async () => {
    const { acme, board } = await twoAccounts();
    const acmeProd = environmentOf(acme.accountId, "production");
    expect(() => boardOfAccount(acme.admin, board.id)).toThrow(NotFoundError);
    expect(() => addField(acme.admin, board.id, { label: "Spy", type: "text" })).toThrow(NotFoundError);
    expect(() => deleteBoard(acme.admin, board.id)).toThrow(NotFoundError);
    expect(() => listItems(acme.admin, acmeProd, board.id)).toThrow(NotFoundError);
    expect(() => createItems(acme.admin, acmeProd, board.id, [{ name: "x" }])).toThrow(NotFoundError);
  });

  it("never see each other's items or environments", async () => {
    const { acme, globex, item, globexProd } = await twoAccounts();
    const acmeProd = environmentOf(acme.accountId, "production");
    expect(() => getItem(acme.admin, acmeProd, item.id)).toThrow(NotFoundError);
    expect(() => updateItem(acme.admin, acmeProd, item.id, { name: "Changed" })).toThrow(NotFoundError);
    expect(() => deleteItem(acme.admin, acmeProd, item.id)).toThrow(NotFoundError);
    // Acme's actor with Globex's environment is refused too.
    expect(() => getItem(acme.admin, globexProd, item.id)).toThrow(NotFoundError);
    expect(getItem(globex.admin, globexProd, item.id).values).toEqual({ name: "Secret lead" });
  });

  it("keep their own apps when the other account changes theirs", async () => {
    const { acme, globex, app } = await twoAccounts();
    const acmeApp = createApp(acme.admin, { name: "Acme app" });
    deleteApp(globex.admin, app.id);
    expect(appOfAccount(acme.admin, acmeApp.id).name).toBe("Acme app");
  });
});
