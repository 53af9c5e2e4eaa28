"use client";
// Choosing the trigger: connector → event → connection → the event's options.
import { ConnectionSelect } from "@/components/integrations/connection-select";
import { defaultValues, findTrigger, isShown, type EditorData } from "@/components/integrations/editor-model";
import { SelectInput } from "@/components/integrations/editor-fields";
import { PropInput } from "@/components/integrations/prop-input";
import { WebhookAddress } from "@/components/integrations/webhook-address";
import type { TriggerDefinitionConfig } from "@/lib/integrations/definition";

/** The one connection to pick for the user when a connector has exactly one. */
export function onlyConnection(data: EditorData, connectorKey: string): string | null {
  const choices = data.connections.filter((c) => c.connectorKey === connectorKey);
  return choices.length === 1 ? choices[0].id : null;
}

export function TriggerEditor({
  data,
  trigger,
  onChange,
  errors,
  disabled,
}: {
  data: EditorData;
  trigger: TriggerDefinitionConfig | null;
  onChange: (trigger: TriggerDefinitionConfig | null) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const { connector, definition } = findTrigger(data, trigger);
  const withTriggers = data.connectors.filter((c) => c.triggers.length > 0);

  function chooseConnector(connectorKey: string) {
    if (!connectorKey) return onChange(null);
    const chosen = data.connectors.find((c) => c.key === connectorKey)!;
    const only = chosen.triggers.length === 1 ? chosen.triggers[0] : undefined;
    const connectionId = chosen.auth.kind === "none" ? null : onlyConnection(data, connectorKey);
    onChange({ connectorKey, triggerKey: only?.key ?? "", connectionId, options: only ? defaultValues(only.props) : {} });
  }

  function chooseEvent(triggerKey: string) {
    const event = connector?.triggers.find((t) => t.key === triggerKey);
    onChange({ ...trigger!, triggerKey, options: event ? { ...defaultValues(event.props), ...pick(trigger!.options, event.props.map((p) => p.key)) } : {} });
  }

  return (
    <section aria-labelledby="trigger-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="trigger-heading" className="text-base font-semibold">Trigger</h2>
        <p className="text-sm text-slate-600">What starts a run: each item it delivers is one run.</p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectInput
          label="Connector"
          value={trigger?.connectorKey ?? ""}
          options={withTriggers.map((c) => ({ value: c.key, label: c.name }))}
          onChange={chooseConnector}
          placeholder="Choose a connector…"
          error={errors["trigger.connectorKey"]}
          disabled={disabled}
        />
        {trigger && connector ? (
          <SelectInput
            label="Event"
            value={trigger.triggerKey}
            options={connector.triggers.map((t) => ({ value: t.key, label: t.name }))}
            onChange={chooseEvent}
            placeholder="Choose an event…"
            required
            hint={definition?.description}
            error={errors["trigger.triggerKey"]}
            disabled={disabled}
          />
        ) : null}
      </div>
      {definition?.type === "webhook" ? (
        <WebhookAddress
          label="Development address"
          address={data.webhookAddress}
          hint="POST JSON here to start a run (an array: one run per element) while the integration is On in the Integration list. Production has its own address, shown on All integrations after deploying."
        />
      ) : null}
      {trigger && connector ? (
        <ConnectionSelect data={data} connector={connector} value={trigger.connectionId} onChange={(connectionId) => onChange({ ...trigger, connectionId })} error={errors["trigger.connectionId"]} disabled={disabled} />
      ) : null}
      {trigger && definition
        ? definition.props
            .filter((prop) => isShown(prop, trigger.options))
            .map((prop) => (
              <PropInput
                key={prop.key}
                prop={prop}
                value={trigger.options[prop.key]}
                onChange={(value) => onChange({ ...trigger, options: { ...trigger.options, [prop.key]: value } })}
                error={errors[`trigger.options.${prop.key}`]}
                boards={definition.type === "app_event" ? data.boards : undefined}
                disabled={disabled}
              />
            ))
        : null}
    </section>
  );
}

function pick<T>(values: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => keys.includes(key)));
}
