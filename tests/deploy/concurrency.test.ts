// Two deployments at once from two processes (two SQLite connections to one database file, as
// two servers would have): the immediate transaction serializes them, so numbers never repeat,
// and a deployment confirmed from a preview that another deployment made stale is refused.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connections, deployments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DEPLOY_IN_PROGRESS, previewDeployment } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { newAccount, newBoard } from "../support/fixtures";
import { devConnection, devIntegration, emailStep, productionRowsOf, webhookTrigger } from "./support";

type Outcome = { ok: true; number: number } | { ok: false; code: string; message: string };

const WORKER = path.join(__dirname, "workers", "deploy-worker.ts");

/** Starts a worker and resolves once it is ready; `go()` releases it and resolves with its outcome. */
async function worker(actor: Actor, appId: string, basedOn?: number) {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, JSON.stringify(actor), appId, basedOn === undefined ? "" : String(basedOn)], {
    cwd: process.cwd(),
    env: process.env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`The worker exited with code ${code}.`)));
  });
  expect(await next()).toBe("ready");
  return {
    go: async (): Promise<Outcome> => {
      const line = next();
      child.stdin!.write("go\n");
      const outcome = JSON.parse(await line) as Outcome;
      child.stdin!.end();
      return outcome;
    },
  };
}

let admin: Actor;
let appId: string;

beforeEach(async () => {
  ({ admin } = await newAccount());
  appId = newBoard(admin).app.id;
  const mailer = devConnection(admin, "Mailer");
  devIntegration(admin, appId, { name: "Mail new orders", definition: { trigger: webhookTrigger(), steps: [emailStep(mailer.id)] } });
});

const numbers = () => getDb().select().from(deployments).where(eq(deployments.appId, appId)).all().map((d) => d.number).sort();

describe("two deployments at once", () => {
  it("get distinct numbers and leave one Production copy of everything", async () => {
    const workers = await Promise.all([worker(admin, appId), worker(admin, appId), worker(admin, appId)]);
    const outcomes = await Promise.all(workers.map((w) => w.go()));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.map((o) => (o.ok ? o.number : 0)).sort()).toEqual([1, 2, 3]);
    expect(numbers()).toEqual([1, 2, 3]);
    expect(productionRowsOf(appId)).toHaveLength(1);
    const production = environmentOf(admin.accountId, "production");
    expect(getDb().select().from(connections).where(eq(connections.environmentId, production.id)).all().map((c) => c.name)).toEqual(["Mailer"]);
  }, 60_000);

  it("confirmed from the same preview: one deploys, the other is told another deployment is in progress", async () => {
    const { basedOn } = previewDeployment(admin, appId);
    const workers = await Promise.all([worker(admin, appId, basedOn), worker(admin, appId, basedOn)]);
    const outcomes = await Promise.all(workers.map((w) => w.go()));
    expect(outcomes.filter((o) => o.ok)).toEqual([{ ok: true, number: 1 }]);
    const refused = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: "conflict" });
    expect(refused[0].message.startsWith(DEPLOY_IN_PROGRESS)).toBe(true);
    expect(numbers()).toEqual([1]);
  }, 60_000);
});
