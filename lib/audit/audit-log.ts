// The audit log (SPEC §9.6): who deployed, turned on/off, authenticated or tested what, and when.
// Entries are written in the same transaction as what they record, so a rolled-back change
// leaves no entry. Details name things (integration and connection names, deployment numbers,
// test outcomes) and never hold credentials.
import { getDb, type Db, type Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { accessKeyOwners, listAuditEntries, userNames, type AuditCursor } from "@/db/queries/audit";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";

export const AUDIT_ACTIONS = [
  "deployment.created",
  "integration.turned_on",
  "integration.turned_off",
  "integration.caught_up",
  "integrations.imported",
  "connection.authenticated",
  "connection.tested",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditInput = {
  accountId: string;
  /** `user:<id>`, `key:<accessKeyId>` or `system` (Actor.label). */
  actor: string;
  action: AuditAction;
  subjectType: "app" | "integration" | "connection";
  subjectId: string;
  detail: Record<string, unknown>;
};

export function recordAudit(db: Db | Tx, entry: AuditInput): void {
  db.insert(auditLog).values({ ...entry, at: Date.now() }).run();
}

/** An integration turned on or off, by a person or (actor `system`) by the product itself. */
export function recordSwitch(
  db: Db | Tx,
  by: { accountId: string; actor: string },
  integration: { id: string; name: string; appId: string },
  enabled: boolean,
  detail: Record<string, unknown>,
): void {
  recordAudit(db, {
    ...by,
    action: enabled ? "integration.turned_on" : "integration.turned_off",
    subjectType: "integration",
    subjectId: integration.id,
    detail: { name: integration.name, appId: integration.appId, ...detail },
  });
}

export type AuditEntryView = {
  id: number;
  at: number;
  /** Who, as a person reads it: the user's name, "Ada (access key AK…)", or "System". */
  who: string;
  action: AuditAction | string;
  /** What, in one sentence: "Deployed version 3 of Orders". */
  what: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
};

export type AuditPage = { entries: AuditEntryView[]; nextCursor: string | null };

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** One sentence per action; unknown actions (from a later version) show their code. */
export function describeAudit(action: string, detail: Record<string, unknown>): string {
  const name = text(detail.name);
  const env = detail.environment === "production" ? "Production" : detail.environment === "development" ? "Development" : "";
  const outcome = detail.ok === false ? `failed: ${text(detail.message)}` : detail.ok === true ? "passed" : "nothing to check";
  switch (action) {
    case "deployment.created":
      return `Deployed version ${text(detail.number)} of ${text(detail.appName)} to Production`;
    case "integration.turned_on":
      return `Turned on ${name}${env === "Development" ? " in Development" : ""}`;
    case "integration.turned_off":
      return `Turned off ${name}${env === "Development" ? " in Development" : ""}`;
    case "integration.caught_up":
      return `Caught up ${text(detail.count)} item${detail.count === 1 ? "" : "s"} that arrived while ${name} was off${env === "Development" ? " in Development" : ""}`;
    case "integrations.imported":
      return `Imported ${text(detail.count)} integration${detail.count === 1 ? "" : "s"} into ${text(detail.appName)}`;
    case "connection.authenticated":
      return `Authenticated the ${env} connection ${name}: test ${outcome}`;
    case "connection.tested":
      return `Tested the ${env} connection ${name}: ${outcome}`;
    default:
      return action;
  }
}

const CURSOR = /^(\d{1,16})\.(\d{1,16})$/;

function parseCursor(cursor: string | undefined): AuditCursor | undefined {
  if (!cursor) return undefined;
  const match = CURSOR.exec(cursor);
  if (!match) throw new ValidationError("That page of the audit log does not exist; start from the newest entries.");
  return { at: Number(match[1]), id: Number(match[2]) };
}

export const AUDIT_PAGE_SIZE = 50;

/** The account's audit log, newest first, a page at a time. Admins only. */
export function readAuditLog(actor: Actor, { cursor, limit = AUDIT_PAGE_SIZE }: { cursor?: string; limit?: number } = {}): AuditPage {
  requireRole(actor, "admin", "read the audit log");
  const size = Math.min(Math.max(1, Math.floor(limit)), 200);
  const rows = listAuditEntries(actor.accountId, { after: parseCursor(cursor), limit: size + 1 });
  const page = rows.slice(0, size);
  const ids = (prefix: string) => [...new Set(page.filter((r) => r.actor.startsWith(prefix)).map((r) => r.actor.slice(prefix.length)))];
  const names = userNames(actor.accountId, ids("user:"));
  const keys = accessKeyOwners(actor.accountId, ids("key:"));
  const who = (label: string) => {
    if (label.startsWith("user:")) return names.get(label.slice(5)) ?? "A removed user";
    if (label.startsWith("key:")) {
      const owner = keys.get(label.slice(4));
      return `${owner?.name ?? "A removed user"} (access key ${label.slice(4)})`;
    }
    return "System";
  };
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at,
      who: who(row.actor),
      action: row.action,
      what: describeAudit(row.action, row.detail),
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      detail: row.detail,
    })),
    nextCursor: rows.length > size && last ? `${last.at}.${last.id}` : null,
  };
}
