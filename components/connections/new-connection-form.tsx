"use client";
// "New connection": which connector, and a name; an OAuth connector also needs the OAuth app.
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";

export type ConnectorChoice = { key: string; name: string; description: string; oauth: boolean };

export function NewConnectionForm({
  action,
  connectors,
  oauthApps,
  environmentLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  connectors: ConnectorChoice[];
  oauthApps: { id: string; name: string }[];
  environmentLabel: string;
}) {
  const [connectorKey, setConnectorKey] = useState(connectors[0]?.key ?? "");
  const chosen = connectors.find((c) => c.key === connectorKey);
  return (
    <ActionForm action={action} className="space-y-3" aria-label="New connection">
      <FormMessage />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          name="connectorKey"
          label="Connector"
          options={connectors.map((c) => ({ value: c.key, label: c.name }))}
          defaultValue={connectorKey}
          onChange={(event) => setConnectorKey(event.target.value)}
          hint={chosen?.description}
        />
        <TextField name="name" label="Connection name" placeholder={`e.g. ${chosen?.name ?? "Kissflow"} (${environmentLabel})`} required />
      </div>
      {chosen?.oauth ? (
        oauthApps.length > 0 ? (
          <SelectField name="oauthAppId" label="OAuth app" options={oauthApps.map((app) => ({ value: app.id, label: app.name }))} />
        ) : (
          <p className="text-sm text-amber-800">No OAuth app is set up yet: an admin adds one under My settings &gt; OAuth apps.</p>
        )
      ) : null}
      <SubmitButton>Add connection</SubmitButton>
    </ActionForm>
  );
}
