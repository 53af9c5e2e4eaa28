// Who is acting: a signed-in user, or a user through one of their access keys. Services take an
// Actor and check the account and the role themselves, so pages, actions and the REST API share
// one set of rules.
import type { Role } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";

export type Actor = {
  userId: string;
  accountId: string;
  role: Role;
  /** Recorded in change logs: `user:<id>` or `key:<accessKeyId>`. */
  label: string;
};

const RANK: Record<Role, number> = { member: 0, builder: 1, admin: 2 };

export function hasRole(actor: Pick<Actor, "role">, least: Role): boolean {
  return RANK[actor.role] >= RANK[least];
}

export function requireRole(actor: Pick<Actor, "role">, least: Role, doing: string): void {
  if (!hasRole(actor, least)) {
    const who = least === "admin" ? "an admin" : "a builder or an admin";
    throw new ForbiddenError(`Only ${who} can ${doing}.`);
  }
}
