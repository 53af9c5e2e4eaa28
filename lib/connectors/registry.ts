// Every connector, by key. The engine, the editor and the connections service reach connectors
// only through here, never by path.
import { oauthAppUse, type Connector, type PropField, type TriggerType } from "@/lib/connectors/framework";
import { email } from "@/lib/connectors/email";
import { http } from "@/lib/connectors/http";
import { kissflow } from "@/lib/connectors/kissflow";
import { oauth2App } from "@/lib/connectors/oauth2";
import { schedule } from "@/lib/connectors/schedule";
import { utilities } from "@/lib/connectors/utilities";
import { webhook } from "@/lib/connectors/webhook";

// Each connector has its own credentials type; the registry only needs their shape.
const CONNECTORS: Connector<any>[] = [kissflow, webhook, schedule, http, oauth2App, email, utilities]; // eslint-disable-line @typescript-eslint/no-explicit-any

const BY_KEY = new Map(CONNECTORS.map((connector) => [connector.key, connector]));

export function listConnectors(): Connector<unknown>[] {
  return [...CONNECTORS];
}

export function getConnector(key: string): Connector<unknown> | undefined {
  return BY_KEY.get(key);
}

/** Connectors a connection can be made for (their auth is not "none"). */
export function connectorsWithAuth(): Connector<unknown>[] {
  return CONNECTORS.filter((connector) => connector.auth.kind !== "none");
}

export type ConnectorSummary = {
  key: string;
  name: string;
  description: string;
  icon: string;
  /** `oauthApp`: whether a new connection needs an OAuth app ("required"), may have one, or cannot. */
  auth: { kind: "none" | "fields" | "oauth2"; optional: boolean; fields: PropField[]; oauthApp: "required" | "optional" | "none" };
  triggers: { key: string; name: string; description: string; type: TriggerType; props: PropField[] }[];
  actions: { key: string; name: string; description: string; props: PropField[] }[];
};

/** What pages need to render a connector (plain data: no functions, no schemas). */
export function summarizeConnector(connector: Connector<unknown>): ConnectorSummary {
  const oauthApp = oauthAppUse(connector.auth);
  const auth =
    connector.auth.kind === "none"
      ? { kind: "none" as const, optional: true, fields: [], oauthApp }
      : { kind: connector.auth.kind, optional: connector.auth.optional ?? false, fields: connector.auth.fields, oauthApp };
  return {
    key: connector.key,
    name: connector.name,
    description: connector.description,
    icon: connector.icon,
    auth,
    triggers: connector.triggers.map(({ key, name, description, type, props }) => ({ key, name, description, type, props })),
    actions: connector.actions.map(({ key, name, description, props }) => ({ key, name, description, props })),
  };
}
