// Every server action of the build × every role, invoked over HTTP the way the browser's router
// does (tests/support/server-actions.ts). An allowed call does its work; a refused one answers
// with a message saying why (signed out, the role, or not found for another account) and leaves
// the database exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateConnection } from "@/lib/connections/authenticate-connection";
import { builtServerActions } from "../support/build-manifest";
import type { TestServer } from "../support/server";
import { ACTION_TABLE } from "./action-table";
import { databaseSnapshot } from "./db-snapshot";
import { accessWorld, callAction, ROLES, type AccessWorld } from "./world";

const REFUSAL = /^Your session has ended\. Sign in again\.$|^Only (a builder or an admin|an admin) can .+\.$|^The .+ was not found\.$/;

let server: TestServer;
let w: AccessWorld;

beforeAll(async () => {
  // No scheduled work (connection tests, retention) writing while a refused call is looked at.
  ({ server, w } = await accessWorld({ port: 3343, env: { SCHEDULER_ENABLED: "false" } }));
  // Test connection needs credentials to test: a host this server refuses to reach, so nothing is sent anywhere.
  await authenticateConnection(w.a.people.admin, w.a.prodConnectionId, { host: "127.0.0.1", port: 2525, from: "ops@acme.test" });
});

afterAll(async () => {
  await server?.stop();
});

const calls = ACTION_TABLE.flatMap((row) => ROLES.map((role) => ({ row, role, name: `${row.action.split("#")[1]} as ${role}` })));

it("has a row for every server action of the build, and none for an action it does not have", () => {
  expect(ACTION_TABLE.map((row) => row.action).sort()).toEqual(builtServerActions().map((action) => action.name).sort());
});

// Refused calls first: the allowed ones queue runs the server's engine then executes.
describe("a refused call answers why and writes nothing", () => {
  it.each(calls.filter(({ row, role }) => !row.allowed.includes(role)))("$name", async ({ row, role }) => {
    const args = await row.args(w);
    const before = databaseSnapshot();
    const answer = await callAction(w, role, row.action, args);
    expect(answer.status).toBe(200);
    expect(answer.redirect).toBeNull();
    expect((answer.result as { error?: string }).error).toMatch(REFUSAL);
    expect(databaseSnapshot()).toEqual(before);
  });
});

describe("an allowed call does its work", () => {
  it.each(calls.filter(({ row, role }) => row.allowed.includes(role)))("$name", async ({ row, role }) => {
    const answer = await callAction(w, role, row.action, await row.args(w));
    expect(answer.status).toBe(200);
    const result = answer.result as { ok?: boolean; error?: string } | undefined;
    expect(result?.error).toBeUndefined();
    expect(answer.redirect !== null || result?.ok === true).toBe(true);
  });
});
