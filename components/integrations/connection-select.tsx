"use client";
// The connection of a trigger or a step: the account's Development connections of its connector,
// "No connection" when the connector's auth is optional, nothing when it has none.
import Link from "next/link";
import { STATUS_LABEL } from "@/components/connections/connection-status";
import type { EditorData } from "@/components/integrations/editor-model";
import { SelectInput } from "@/components/integrations/editor-fields";
import type { ConnectorSummary } from "@/lib/connectors/registry";

export function ConnectionSelect({
  data,
  connector,
  value,
  onChange,
  error,
  disabled,
}: {
  data: EditorData;
  connector: ConnectorSummary;
  value: string | null;
  onChange: (connectionId: string | null) => void;
  error?: string;
  disabled?: boolean;
}) {
  if (connector.auth.kind === "none") return <p className="text-xs text-slate-500">{connector.name} needs no connection.</p>;
  const choices = data.connections.filter((c) => c.connectorKey === connector.key);
  const options = choices.map((c) => ({
    value: c.id,
    label: !c.authenticated ? `${c.name} (not authenticated yet)` : c.status === "connected" ? c.name : `${c.name} (${STATUS_LABEL[c.status]})`,
  }));
  // A connection that is gone still shows, so the error next to it makes sense.
  if (value && !choices.some((c) => c.id === value)) options.unshift({ value, label: "A deleted or unknown connection" });
  return (
    <div className="space-y-1">
      <SelectInput
        label="Connection"
        value={value ?? ""}
        options={options}
        onChange={(v) => onChange(v === "" ? null : v)}
        placeholder={connector.auth.optional ? "No connection" : "Choose a connection…"}
        required={!connector.auth.optional}
        error={error}
        hint={`Development connections of ${connector.name}.`}
        disabled={disabled}
      />
      {choices.length === 0 ? (
        <p className="text-xs text-slate-600">
          No Development {connector.name} connection yet:{" "}
          <Link href={data.connectionsHref} className="text-brand-700 underline">
            add one under Connections
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
