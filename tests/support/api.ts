// What the REST API tests share: an account with a board and an access key per environment, built
// through the services, and a small client that sends real HTTP requests with a key's headers.
import { and, count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items } from "@/db/schema";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { createApp } from "@/lib/apps/apps";
import type { Actor } from "@/lib/auth/actor";
import { addField, boardOfAccount, createBoard } from "@/lib/boards/boards";
import { deploy } from "@/lib/deploy/deploy";
import { environmentOf } from "@/lib/environments";
import { newAccount } from "./fixtures";

export type AccessKeyPair = { id: string; secret: string };

export function keyFor(actor: Actor, kind: "production" | "development"): AccessKeyPair {
  const { id, secret } = createAccessKey(actor, kind, { name: `${kind} key` });
  return { id, secret };
}

/**
 * An account with an app "Orders" whose board has a required text `name` and a number `amount`,
 * deployed once so Production has the board's form too (deployment version 1).
 */
export async function apiAccount(companyName = "Acme") {
  const { accountId, admin } = await newAccount(companyName);
  const app = createApp(admin, { name: "Orders" });
  const { id: boardId } = createBoard(admin, app.id, { name: "Orders" });
  addField(admin, boardId, { label: "Name", type: "text", required: true });
  addField(admin, boardId, { label: "Amount", type: "number" });
  deploy(admin, app.id);
  return {
    admin,
    app,
    board: boardOfAccount(admin, boardId),
    prodId: accountId,
    devId: `${accountId}-dev`,
    prod: environmentOf(accountId, "production"),
    dev: environmentOf(accountId, "development"),
    prodKey: keyFor(admin, "production"),
    devKey: keyFor(admin, "development"),
  };
}

export function countItems(boardId: string, environmentId: string): number {
  return getDb()
    .select({ n: count() })
    .from(items)
    .where(and(eq(items.boardId, boardId), eq(items.environmentId, environmentId)))
    .get()!.n;
}

export type ApiResponse = {
  status: number;
  headers: Headers;
  // Whatever JSON the server sent (null for an empty body); each test asserts the shape it expects.
  body: any;
};

type Send = { body?: unknown; raw?: BodyInit; headers?: Record<string, string> };

/** `api(url, key).get("AcX/whoami")`: paths are relative to `/api/v1/`. A null key sends none. */
export function api(baseUrl: string, key: AccessKeyPair | null) {
  async function send(method: string, path: string, { body, raw, headers = {} }: Send = {}): Promise<ApiResponse> {
    const init: RequestInit & { duplex?: "half" } = {
      method,
      headers: {
        ...(key ? { "X-Access-Key-Id": key.id, "X-Access-Key-Secret": key.secret } : {}),
        ...(body !== undefined || raw !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    };
    if (raw instanceof ReadableStream) init.duplex = "half";
    const response = await fetch(`${baseUrl}/api/v1/${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }
  return {
    send,
    get: (path: string, headers?: Record<string, string>) => send("GET", path, { headers }),
    post: (path: string, body: unknown, headers?: Record<string, string>) => send("POST", path, { body, headers }),
    patch: (path: string, body: unknown) => send("PATCH", path, { body }),
    delete: (path: string) => send("DELETE", path),
  };
}
