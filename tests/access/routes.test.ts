// Every route handler of the build, called over HTTP on the built server by the callers
// ROUTE_TABLE lists: each answer is the expected one, and a refused call writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnOnDevelopment } from "@/lib/integrations/development-switch";
import { builtRouteHandlers } from "../support/build-manifest";
import type { TestServer } from "../support/server";
import { databaseSnapshot } from "./db-snapshot";
import { ROUTE_TABLE } from "./route-table";
import { accessWorld, runsFinished, type AccessWorld } from "./world";

let server: TestServer;
let w: AccessWorld;

beforeAll(async () => {
  // No scheduled work (connection tests, retention) writing while a refused call is looked at.
  ({ server, w } = await accessWorld({ port: 3342, env: { SCHEDULER_ENABLED: "false" } }));
  turnOnDevelopment(w.a.people.admin, w.a.integrationId);
});

afterAll(async () => {
  await server?.stop();
});

it("has a row for every route handler of the build, and none for a route it does not have", () => {
  expect(ROUTE_TABLE.map((row) => row.route).sort()).toEqual(builtRouteHandlers());
});

describe.each(ROUTE_TABLE)("$route", (row) => {
  it.each(row.cases)("answers $what with $status", async (call) => {
    const before = call.writes ? null : databaseSnapshot();
    const answer = await call.send(w);
    expect(answer.status, answer.text.slice(0, 300)).toBe(call.status);
    call.check?.(answer, w);
    if (before) expect(databaseSnapshot()).toEqual(before);
    else await runsFinished();
  });
});
