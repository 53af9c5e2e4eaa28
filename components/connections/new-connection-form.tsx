"use client";
// "New connection": which connector, and a name; an OAuth connector also needs the OAuth app.
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";

/** `oauthApp`: whether the connector signs in through an OAuth app: always, optionally, or never. */
export type ConnectorChoice = { key: string; name: string; description: string; oauthApp: "required" | "optional" | "none" };

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
      {chosen && chosen.oauthApp !== "none" ? (
        oauthApps.length > 0 ? (
          <SelectField
            name="oauthAppId"
            label="OAuth app"
            hint={chosen.oauthApp === "optional" ? "Choose one to sign in with OAuth 2.0; None to enter credentials (API key, token…) instead." : undefined}
            options={[...(chosen.oauthApp === "optional" ? [{ value: "", label: "None" }] : []), ...oauthApps.map((app) => ({ value: app.id, label: app.name }))]}
          />
        ) : chosen.oauthApp === "required" ? (
          <p className="text-sm text-amber-800">No OAuth app is set up yet: an admin adds one under My settings &gt; OAuth apps.</p>
        ) : null
      ) : null}
      <SubmitButton>Add connection</SubmitButton>
    </ActionForm>
  );
}
