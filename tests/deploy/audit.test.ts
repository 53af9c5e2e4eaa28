import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { describeAudit, readAuditLog, recordAudit } from "@/lib/audit/audit-log";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { errorOf, newAccount, newUser } from "../support/fixtures";

let admin: Actor;
let builder: Actor;
let keyId: string;

beforeAll(async () => {
  ({ admin } = await newAccount());
  builder = await newUser(admin, "builder");
  keyId = createAccessKey(builder, "production", { name: "CI" }).id;
  const other = await newAccount("Globex");
  recordAudit(getDb(), { accountId: other.accountId, actor: other.admin.label, action: "integration.turned_on", subjectType: "integration", subjectId: "int_globex", detail: { name: "Globex secret" } });
  for (let i = 1; i <= 7; i++) {
    recordAudit(getDb(), { accountId: admin.accountId, actor: builder.label, action: "integration.turned_on", subjectType: "integration", subjectId: `int_${i}`, detail: { name: `Integration ${i}` } });
  }
  recordAudit(getDb(), { accountId: admin.accountId, actor: `key:${keyId}`, action: "connection.tested", subjectType: "connection", subjectId: "con_1", detail: { name: "Kissflow Production", environment: "production", ok: false, message: "The access key was refused." } });
  recordAudit(getDb(), { accountId: admin.accountId, actor: "system", action: "deployment.created", subjectType: "app", subjectId: "app_1", detail: { number: 3, appName: "Orders" } });
});

describe("reading the audit log", () => {
  it("pages newest first with a cursor, saying who did what and when", () => {
    const first = readAuditLog(admin, { limit: 4 });
    expect(first.entries.map((e) => [e.who, e.what])).toEqual([
      ["System", "Deployed version 3 of Orders to Production"],
      [`A builder (access key ${keyId})`, "Tested the Production connection Kissflow Production: failed: The access key was refused."],
      ["A builder", "Turned on Integration 7"],
      ["A builder", "Turned on Integration 6"],
    ]);
    expect(first.nextCursor).toMatch(/^\d+\.\d+$/);
    const second = readAuditLog(admin, { limit: 4, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.subjectId)).toEqual(["int_5", "int_4", "int_3", "int_2"]);
    const third = readAuditLog(admin, { limit: 4, cursor: second.nextCursor! });
    expect(third.entries.map((e) => e.subjectId)).toEqual(["int_1"]);
    expect(third.nextCursor).toBeNull();
    // Only this account's entries.
    expect(JSON.stringify([first, second, third])).not.toContain("Globex");
  });

  it("is for admins", async () => {
    expect(await errorOf(() => readAuditLog(builder))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses a malformed cursor with a message", async () => {
    const error = await errorOf(() => readAuditLog(admin, { cursor: "1; DROP TABLE audit_log" }));
    expect(error).toBeInstanceOf(ValidationError);
  });

  it("describes every action in a sentence", () => {
    expect(describeAudit("integration.turned_off", { name: "Sync" })).toBe("Turned off Sync");
    expect(describeAudit("connection.authenticated", { name: "Mailer", environment: "production", ok: true })).toBe("Authenticated the Production connection Mailer: test passed");
    expect(describeAudit("integrations.imported", { count: 2, appName: "Orders" })).toBe("Imported 2 integrations into Orders");
    expect(describeAudit("something.new", {})).toBe("something.new");
  });
});
