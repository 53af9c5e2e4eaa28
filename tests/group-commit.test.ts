// lib/group-commit.ts: writes handed in during one turn of the event loop share one commit, each
// in its own savepoint, and every caller hears back only once its write is stored.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { getHandle } from "@/db/client";
import { runs } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { inGroupCommit } from "@/lib/group-commit";
import { countRows } from "./support/fixtures";
import { historyAccount, orders, queue, type HistoryAccount } from "./runs/support";

let acme: HistoryAccount;

beforeAll(async () => {
  acme = await historyAccount();
});

const queueOrder = (name: string) => () => queue(acme.prod, acme.feed.id, orders(name));

describe("inGroupCommit", () => {
  it("stores the writes handed in together and gives each caller its own result, visible to another connection once it settles", async () => {
    const before = countRows(runs);
    const [first, second] = await Promise.all([inGroupCommit(queueOrder("Ada")), inGroupCommit(queueOrder("Grace"))]);
    expect(second[0]).toBe(first[0] + 1);
    const other = new Database(getHandle().path, { readonly: true });
    try {
      expect(other.prepare("SELECT count(*) AS n FROM runs").get()).toEqual({ n: before + 2 });
    } finally {
      other.close();
    }
  });

  it("rolls back a refused write alone: its caller gets the refusal, the others are stored", async () => {
    const before = countRows(runs);
    const refused = () => {
      queueOrder("Half written")();
      throw new ConflictError("Order feed is off.");
    };
    const results = await Promise.allSettled([inGroupCommit(queueOrder("Ada")), inGroupCommit(refused), inGroupCommit(queueOrder("Grace"))]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(countRows(runs)).toBe(before + 2);
  });

  it("fails every write of the group, storing none, when one fails unexpectedly", async () => {
    const before = countRows(runs);
    const broken = () => {
      throw new Error("disk I/O error");
    };
    const results = await Promise.allSettled([inGroupCommit(queueOrder("Ada")), inGroupCommit(broken)]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(results.map((result) => ((result as PromiseRejectedResult).reason as Error).message)).toEqual(["disk I/O error", "disk I/O error"]);
    expect(countRows(runs)).toBe(before);
  });
});
