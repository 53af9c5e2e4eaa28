// Every page of the build × admin, builder, member (account A), signed out, and account B's admin
// on A's addresses: fetched over HTTP from the built server, each answer is the one PAGE_TABLE
// gives, and no one refused sees A's data, not even in the Flight payload the HTML carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtPages } from "../support/build-manifest";
import type { TestServer } from "../support/server";
import { aData, PAGE_TABLE, type PageRow } from "./page-table";
import { accessWorld, ROLES, type AccessWorld, type Role } from "./world";

// The title, not the heading: a 404 from a page under a dynamic layout is drawn from the Flight payload.
const NOT_FOUND_TITLE = "<title>Page not found";

let server: TestServer;
let w: AccessWorld;

beforeAll(async () => {
  ({ server, w } = await accessWorld({ port: 3341 }));
});

afterAll(async () => {
  await server?.stop();
});

/** The page's text as a person reads it: React escapes quotes and apostrophes in HTML. */
function readable(html: string): string {
  return html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** Which of these texts the body holds: reported by text, not as a whole page in the failure. */
const found = (body: string, texts: string[]) => texts.filter((text) => body.includes(text));

function expectAnswer(row: PageRow, role: Role, response: Response, body: string): void {
  const answer = row.answers[role];
  // Someone of A refused here must not see what the page shows; anyone else, nothing of A at all.
  const hidden = role === "signedOut" || role === "otherAccount" ? aData(w) : row.data(w);
  switch (answer.kind) {
    case "shows":
      expect(response.status).toBe(200);
      expect(body).not.toContain(NOT_FOUND_TITLE);
      expect(row.data(w).filter((text) => !body.includes(text)), "missing").toEqual([]);
      return;
    case "refused":
      expect(response.status).toBe(200);
      expect(readable(body)).toMatch(new RegExp(`role="alert"[^>]*>${answer.alert.replace(/[.()]/g, "\\$&")}`));
      expect(found(body, hidden), "shown to a refused role").toEqual([]);
      return;
    case "notFound":
      expect(response.status).toBe(404);
      expect(body).toContain(NOT_FOUND_TITLE);
      expect(found(body, hidden), "shown with the 404").toEqual([]);
      return;
    case "signIn":
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe("/sign-in");
      return;
    case "redirect":
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe(answer.to(w));
      return;
    case "ownAccount":
      expect(response.status).toBe(200);
      expect(body).not.toContain(NOT_FOUND_TITLE);
      expect(found(body, hidden), "shown to another account").toEqual([]);
      return;
    case "status":
      expect(response.status).toBe(answer.status);
      expect(found(body, hidden), "shown on Next.js's page").toEqual([]);
  }
}

it("has a row for every page of the build, and none for a page it does not have", () => {
  expect(PAGE_TABLE.map((row) => row.route).sort()).toEqual(builtPages());
});

describe.each(PAGE_TABLE)("$route", (row) => {
  it.each(ROLES)("answers %s as the table says", async (role) => {
    const response = await w.browsers[role].get(row.path(w));
    expectAnswer(row, role, response, await response.text());
  });
});
