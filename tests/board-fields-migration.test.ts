// Migration 0008: boards that existed before Production had its own form keep exactly the fields
// they were used with in Production; 0011: boards already in Production keep the name they had
// there. The rows are written with SQL at the schema before the change, because the services
// speak the newest schema only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const FIELDS = [{ key: "title", label: "Title", type: "text", required: true }];
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "boardflow-migration-"));
});

afterEach(() => {
  delete process.env.MIGRATIONS_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The migrations folder as it was up to `tag`: the SQL files and the journal cut there. */
function migrationsUpTo(tag: string): string {
  const folder = path.join(tmp, "migrations");
  fs.cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === tag) + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("migrating boards to a Production form of their own", () => {
  it("gives every existing board its current fields as its Production form", () => {
    const file = path.join(tmp, "app.db");
    process.env.MIGRATIONS_DIR = migrationsUpTo("0004_connection_oauth_app");
    const before = openDatabase(file).sqlite;
    before.prepare("INSERT INTO accounts (id, name, created_at) VALUES ('acc_1', 'Acme', 0)").run();
    before.prepare("INSERT INTO apps (id, account_id, name, created_by, created_at, updated_at) VALUES ('app_1', 'acc_1', 'Orders', 'usr_1', 0, 0)").run();
    before.prepare("INSERT INTO boards (id, app_id, name, fields, created_at, updated_at) VALUES ('brd_1', 'app_1', 'Orders', ?, 0, 0)").run(JSON.stringify(FIELDS));
    before.close();

    delete process.env.MIGRATIONS_DIR;
    const after = openDatabase(file).sqlite;
    const row = after.prepare("SELECT fields, production_fields FROM boards WHERE id = 'brd_1'").get() as { fields: string; production_fields: string | null };
    after.close();
    expect(JSON.parse(row.production_fields!)).toEqual(FIELDS);
    expect(row.production_fields).toBe(row.fields);
  });
});

describe("migrating boards to a Production name of their own", () => {
  it("gives every board already in Production its current name as its deployed one, and none to boards never deployed", () => {
    const file = path.join(tmp, "app.db");
    process.env.MIGRATIONS_DIR = migrationsUpTo("0010_run_history_indexes");
    const before = openDatabase(file).sqlite;
    before.prepare("INSERT INTO accounts (id, name, created_at) VALUES ('acc_1', 'Acme', 0)").run();
    before.prepare("INSERT INTO apps (id, account_id, name, created_by, created_at, updated_at) VALUES ('app_1', 'acc_1', 'Orders', 'usr_1', 0, 0)").run();
    const insertBoard = before.prepare("INSERT INTO boards (id, app_id, name, fields, production_fields, created_at, updated_at) VALUES (?, 'app_1', ?, ?, ?, 0, 0)");
    insertBoard.run("brd_deployed", "Orders", JSON.stringify(FIELDS), JSON.stringify(FIELDS));
    insertBoard.run("brd_new", "Drafts", "[]", null);
    before.close();

    delete process.env.MIGRATIONS_DIR;
    const after = openDatabase(file).sqlite;
    const rows = after.prepare("SELECT id, production_name, deleted_in_development_at FROM boards ORDER BY id").all();
    after.close();
    expect(rows).toEqual([
      { id: "brd_deployed", production_name: "Orders", deleted_in_development_at: null },
      { id: "brd_new", production_name: null, deleted_in_development_at: null },
    ]);
  });
});
