"use client";
// One step: its name, connector → action → connection → inputs (each mappable input with its
// "Insert data" list), the buttons that move, remove and test it, and its last test result.
import { ConnectionSelect } from "@/components/integrations/connection-select";
import { AUTO_ID, dataGroups, defaultValues, findAction, isShown, uniqueId, type EditorData, type EditorState, type EditorStep } from "@/components/integrations/editor-model";
import { SelectInput, TextField } from "@/components/integrations/editor-fields";
import { PropInput } from "@/components/integrations/prop-input";
import { StepResult } from "@/components/integrations/test-results";
import { onlyConnection } from "@/components/integrations/trigger-editor";
import { buttonClass } from "@/components/ui/button-class";
import type { TestStepResult } from "@/lib/integrations/test-run";

type Props = {
  data: EditorData;
  state: EditorState;
  index: number;
  onChange: (step: EditorStep) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
  onTest: () => void;
  errors: Record<string, string>;
  result?: TestStepResult;
  busy: boolean;
  disabled?: boolean;
};

export function stepTitle(index: number, step: EditorStep, actionName?: string): string {
  return `Step ${index + 1} (${step.name || actionName || "new step"})`;
}

export function StepEditor({ data, state, index, onChange, onMove, onRemove, onTest, errors, result, busy, disabled }: Props) {
  const step = state.steps[index];
  const { connector, definition } = findAction(data, step);
  const title = stepTitle(index, step, definition?.name);
  const headingId = `step-${step.uid}-heading`;
  const error = (key: string) => errors[`steps.${index}.${key}`];
  const otherIds = state.steps.filter((s) => s.uid !== step.uid).map((s) => s.id);

  function chooseAction(connectorKey: string, actionKey: string) {
    const chosen = data.connectors.find((c) => c.key === connectorKey);
    const action = chosen?.actions.find((a) => a.key === actionKey);
    onChange({
      ...step,
      connectorKey,
      actionKey,
      id: action && AUTO_ID.test(step.id) ? uniqueId(action.key, otherIds) : step.id,
      name: step.name || action?.name || "",
      connectionId: connectorKey === step.connectorKey ? step.connectionId : chosen && chosen.auth.kind !== "none" ? onlyConnection(data, connectorKey) : null,
      input: action ? defaultValues(action.props) : {},
    });
  }

  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-base font-semibold">
            Step {index + 1}: {step.name || definition?.name || "New step"}
          </h2>
          <p className="text-xs text-slate-500">
            Later steps read its output as <code>{`{{steps.${step.id}.…}}`}</code>
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          <button type="button" className={buttonClass("ghost", "sm")} aria-label={`Move ${title} up`} title="Move up" disabled={disabled || index === 0} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className={buttonClass("ghost", "sm")} aria-label={`Move ${title} down`} title="Move down" disabled={disabled || index === state.steps.length - 1} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className={buttonClass("secondary", "sm")} aria-label={`Test ${title}`} disabled={disabled || busy || !definition} onClick={onTest}>
            Test step
          </button>
          <button type="button" className={buttonClass("danger", "sm")} aria-label={`Remove ${title}`} disabled={disabled} onClick={onRemove}>
            Remove
          </button>
        </div>
      </div>
      {error("id") ? <p className="text-xs text-red-700">{error("id")}</p> : null}
      <TextField label="Step name" value={step.name} onChange={(name) => onChange({ ...step, name })} error={error("name")} required disabled={disabled} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectInput
          label="Connector"
          value={step.connectorKey}
          options={data.connectors.filter((c) => c.actions.length > 0).map((c) => ({ value: c.key, label: c.name }))}
          onChange={(key) => {
            const chosen = data.connectors.find((c) => c.key === key);
            chooseAction(key, chosen?.actions.length === 1 ? chosen.actions[0].key : "");
          }}
          placeholder="Choose a connector…"
          required
          error={error("connectorKey")}
          disabled={disabled}
        />
        {connector ? (
          <SelectInput
            label="Action"
            value={step.actionKey}
            options={connector.actions.map((a) => ({ value: a.key, label: a.name }))}
            onChange={(key) => chooseAction(step.connectorKey, key)}
            placeholder="Choose an action…"
            required
            hint={definition?.description}
            error={error("actionKey")}
            disabled={disabled}
          />
        ) : null}
      </div>
      {connector ? <ConnectionSelect data={data} connector={connector} value={step.connectionId} onChange={(connectionId) => onChange({ ...step, connectionId })} error={error("connectionId")} disabled={disabled} /> : null}
      {definition
        ? definition.props
            .filter((prop) => isShown(prop, step.input))
            .map((prop) => (
              <PropInput
                key={prop.key}
                prop={prop}
                value={step.input[prop.key]}
                onChange={(value) => onChange({ ...step, input: { ...step.input, [prop.key]: value } })}
                error={error(`input.${prop.key}`)}
                groups={prop.mappable ? dataGroups(data, state, index) : undefined}
                boards={step.connectorKey === "kissflow" ? data.boards : undefined}
                disabled={disabled}
              />
            ))
        : null}
      {error("input") ? <p className="text-xs text-red-700">{error("input")}</p> : null}
      {result ? <StepResult result={result} /> : null}
    </section>
  );
}
