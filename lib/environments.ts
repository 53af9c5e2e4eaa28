// The two environments of an account: their Account IDs and Account domains.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { environments, type Environment, type EnvironmentKind } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { defaultAccountDomain } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";
import { HOST_WITH_PORT, parseOrThrow } from "@/lib/validation";

export const ENVIRONMENT_LABEL: Record<EnvironmentKind, string> = {
  development: "Development",
  production: "Production",
};

export function environmentOf(accountId: string, kind: EnvironmentKind): Environment {
  const env = getDb()
    .select()
    .from(environments)
    .where(and(eq(environments.accountId, accountId), eq(environments.kind, kind)))
    .get();
  if (!env) throw new NotFoundError(`The ${ENVIRONMENT_LABEL[kind]} environment`);
  return env;
}

/** The environment whose Account ID is `id` (`AcX7k2p9` or `AcX7k2p9-dev`), of any account. */
export function environmentById(id: string): Environment | undefined {
  return getDb().select().from(environments).where(eq(environments.id, id)).get();
}

export function accountDomain(env: Pick<Environment, "domain">): string {
  return env.domain ?? defaultAccountDomain();
}

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "Account domain must be at most 253 characters.")
  .refine((value) => value === "" || HOST_WITH_PORT.test(value), {
    message: "Enter a host name such as acme.example.com (an optional :port is allowed).",
  });

/** Sets an environment's Account domain; an empty value goes back to the instance's host. */
export function setAccountDomain(actor: Actor, kind: EnvironmentKind, domain: unknown): void {
  requireRole(actor, "admin", "change the Account domain");
  const value = parseOrThrow(z.object({ domain: domainSchema }), { domain }).domain;
  const env = environmentOf(actor.accountId, kind);
  getDb()
    .update(environments)
    .set({ domain: value === "" ? null : value })
    .where(eq(environments.id, env.id))
    .run();
}
