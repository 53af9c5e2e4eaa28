// Export and import of an app's Development integrations as JSON (SPEC §9.7), for review and
// version control. The file holds names and definitions; connections appear as `{ name,
// connectorKey }`, never by ID and never with credentials. Import checks the whole file first,
// then writes everything in one transaction, or nothing.
//
// The Development integrations service (lib/integrations/integrations.ts) is written in parallel;
// until it lands, import writes the `integrations` table directly, and reads go through
// db/queries/deploy.ts.
import { z } from "zod";
import { getDb } from "@/db/client";
import { listDevelopmentIntegrations, listEnvironmentConnections } from "@/db/queries/deploy";
import { connections, integrations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit-log";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { appOfAccount } from "@/lib/apps/apps";
import { getConnector } from "@/lib/connectors/registry";
import { environmentOf } from "@/lib/environments";
import { ValidationError } from "@/lib/errors";
import { appFileName } from "@/lib/file-name";
import { randomId } from "@/lib/ids";
import { definitionSchema, type IntegrationDefinition } from "@/lib/integrations/definition";
import {
  connectionRefsOf,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportFileSchema,
  fromPortable,
  refKey,
  toPortable,
  type ConnectionRef,
  type ExportFile,
  type PortableDefinition,
} from "@/lib/integrations/export-format";

export const MAX_IMPORT_BYTES = 1024 * 1024;

/** The app's Development integrations as an export file. Everyone in the account may read them. */
export function exportIntegrations(actor: Actor, appId: string): ExportFile {
  const app = appOfAccount(actor, appId);
  const devConnections = new Map(listEnvironmentConnections(actor.accountId, "development").map((c) => [c.id, c]));
  const exported = listDevelopmentIntegrations(app.id).map((row) => {
    const parsed = definitionSchema.safeParse(row.definition);
    if (!parsed.success) throw new ValidationError(`"${row.name}" is not a valid integration: fix it in the app builder, then export.`);
    const definition = toPortable(parsed.data, (id) => {
      const connection = devConnections.get(id);
      if (!connection) throw new ValidationError(`"${row.name}" uses a connection that no longer exists: choose another in the app builder, then export.`);
      return { name: connection.name, connectorKey: connection.connectorKey };
    });
    return { name: row.name, state: row.state, definition };
  });
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), app: { name: app.name }, integrations: exported };
}

/** `orders-integrations.json` */
export function exportFileName(appName: string): string {
  return appFileName(appName, "integrations.json");
}

export type ImportResult = {
  imported: { id: string; name: string }[];
  /** Development connections the file's references matched, by name. */
  connectionsMatched: string[];
  /** Development connections created (never authenticated: Connect now) for the others. */
  connectionsCreated: string[];
};

const NOTHING = "Nothing was imported.";

function issuePath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

/** The file as an export, or a ValidationError that says what is wrong with it. */
function readFile(input: unknown): ExportFile {
  let data = input;
  if (typeof input === "string") {
    if (Buffer.byteLength(input) > MAX_IMPORT_BYTES) throw new ValidationError(`The file is larger than 1 MiB. ${NOTHING}`);
    if (input.trim() === "") throw new ValidationError(`Choose an integrations file (JSON) to import. ${NOTHING}`);
    try {
      data = JSON.parse(input);
    } catch (error) {
      throw new ValidationError(`The file is not valid JSON (${(error as Error).message}). ${NOTHING}`);
    }
  }
  const header = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(data);
  if (!header.success || header.data.format !== EXPORT_FORMAT) {
    throw new ValidationError(`This is not an integrations export of this product: its "format" should be "${EXPORT_FORMAT}". ${NOTHING}`);
  }
  if (header.data.version !== EXPORT_VERSION) {
    throw new ValidationError(`This export is format version ${JSON.stringify(header.data.version)}; this version of the product reads version ${EXPORT_VERSION}. ${NOTHING}`);
  }
  const parsed = exportFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issuePath(issue.path) || "the file"}: ${issue.message}`);
    throw new ValidationError(`The file is not a valid integrations export. ${issues.join("; ")}. ${NOTHING}`);
  }
  return parsed.data;
}

/** Connectors and actions must exist here, and each reference must be a connection of that step's connector. */
function checkConnectors(name: string, definition: PortableDefinition): void {
  const parts = [
    ...(definition.trigger ? [{ label: "its trigger", connectorKey: definition.trigger.connectorKey, connection: definition.trigger.connection }] : []),
    ...definition.steps.map((step) => ({ label: `its step "${step.name}"`, connectorKey: step.connectorKey, connection: step.connection })),
  ];
  for (const part of parts) {
    const connector = getConnector(part.connectorKey);
    if (!connector) throw new ValidationError(`"${name}": ${part.label} uses the connector "${part.connectorKey}", which this instance does not have. ${NOTHING}`);
    if (part.connection && (part.connection.connectorKey !== part.connectorKey || connector.auth.kind === "none")) {
      throw new ValidationError(`"${name}": ${part.label} uses the connection "${part.connection.name}" of another connector. ${NOTHING}`);
    }
  }
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 1; taken.has(candidate); n++) candidate = `${name} (imported${n === 1 ? "" : ` ${n}`})`.slice(0, 100);
  taken.add(candidate);
  return candidate;
}

/**
 * Imports an export file (its text, or the parsed JSON) into the app's Development integrations.
 * Each connection reference is matched by name and connector among the Development connections,
 * else created unauthenticated. A name already used in the app gets " (imported)".
 */
export function importIntegrations(actor: Actor, appId: string, input: unknown): ImportResult {
  requireRole(actor, "builder", "import integrations");
  const app = appOfAccount(actor, appId);
  const file = readFile(input);
  for (const integration of file.integrations) checkConnectors(integration.name, integration.definition);

  const development = environmentOf(actor.accountId, "development");
  return getDb().transaction(
    (tx) => {
      const byName = new Map(listEnvironmentConnections(actor.accountId, "development", tx).map((c) => [c.name, { id: c.id, connectorKey: c.connectorKey }]));
      const ids = new Map<string, string>();
      const result: ImportResult = { imported: [], connectionsMatched: [], connectionsCreated: [] };
      const now = Date.now();
      const refs = new Map<string, ConnectionRef>(file.integrations.flatMap((i) => connectionRefsOf(i.definition)).map((ref) => [refKey(ref), ref]));
      for (const [key, ref] of refs) {
        const existing = byName.get(ref.name);
        if (existing && existing.connectorKey !== ref.connectorKey) {
          const name = (k: string) => getConnector(k)?.name ?? k;
          throw new ValidationError(`The Development connection "${ref.name}" is ${name(existing.connectorKey)}, but the file uses it for ${name(ref.connectorKey)}: rename one of them. ${NOTHING}`);
        }
        if (existing) {
          ids.set(key, existing.id);
          result.connectionsMatched.push(ref.name);
          continue;
        }
        const id = randomId("con");
        tx.insert(connections).values({ id, environmentId: development.id, connectorKey: ref.connectorKey, name: ref.name, status: "reauthentication_required", createdBy: actor.userId, createdAt: now, updatedAt: now }).run();
        byName.set(ref.name, { id, connectorKey: ref.connectorKey });
        ids.set(key, id);
        result.connectionsCreated.push(ref.name);
      }
      const taken = new Set(listDevelopmentIntegrations(app.id, tx).map((row) => row.name));
      for (const [index, integration] of file.integrations.entries()) {
        const definition: IntegrationDefinition = definitionSchema.parse(fromPortable(integration.definition, (ref) => ids.get(refKey(ref))!));
        // createdAt + index keeps the file's order in the "oldest first" list.
        const row = { id: randomId("int"), appId: app.id, name: uniqueName(integration.name, taken), definition, state: integration.state, createdBy: actor.userId, createdAt: now + index, updatedAt: now };
        tx.insert(integrations).values(row).run();
        result.imported.push({ id: row.id, name: row.name });
      }
      recordAudit(tx, {
        accountId: actor.accountId,
        actor: actor.label,
        action: "integrations.imported",
        subjectType: "app",
        subjectId: app.id,
        detail: { appName: app.name, count: result.imported.length, names: result.imported.map((i) => i.name), connectionsCreated: result.connectionsCreated },
      });
      return result;
    },
    { behavior: "immediate" },
  );
}
