"use client";
// One input of a trigger's options or a step's input, rendered from the connector's PropField.
// A mappable input is text that may hold `{{…}}` references, with an "Insert data" list of what
// the step can read at that point (quoted where a JSON input needs it: referenceToInsert).
import { useId, useRef } from "react";
import type { DataGroup, EditorBoard } from "@/components/integrations/editor-model";
import { SelectInput, TextInput } from "@/components/integrations/editor-fields";
import { FieldShell } from "@/components/ui/field-shell";
import type { PropField } from "@/lib/connectors/framework";
import { referenceToInsert } from "@/lib/integrations/templates";

type Value = string | number | boolean | null | undefined;

function InsertData({ label, groups, onInsert }: { label: string; groups: DataGroup[]; onInsert: (reference: string) => void }) {
  const id = useId();
  if (groups.length === 0) return <p className="text-xs text-slate-500">Choose a trigger (and earlier steps) to insert their data here.</p>;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="shrink-0 text-xs font-medium text-slate-600">
        Insert data<span className="sr-only"> into {label}</span>
      </label>
      <select
        id={id}
        value=""
        onChange={(event) => {
          if (event.target.value) onInsert(event.target.value);
        }}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700"
      >
        <option value="">Choose data to insert…</option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.reference} value={option.reference}>
                {option.label} — {`{{${option.reference}}}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function PropInput({
  prop,
  value,
  onChange,
  error,
  groups,
  boards,
  disabled,
}: {
  prop: PropField;
  value: Value;
  onChange: (value: string | boolean) => void;
  error?: string;
  /** What "Insert data" offers; only mappable inputs get the picker. */
  groups?: DataGroup[];
  /** The app's boards: a Board ID option becomes a choice of them (a suggestion list when mappable). */
  boards?: EditorBoard[];
  disabled?: boolean;
}) {
  const id = useId();
  const listId = useId();
  const ref = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  const text = value === undefined || value === null ? "" : typeof value === "boolean" ? String(value) : String(value);
  const hint = prop.hint ?? (prop.type === "json" && prop.mappable ? 'JSON; put references inside quotes, e.g. {"name": "{{trigger.values.name}}"}.' : undefined);

  if (prop.type === "checkbox") {
    return (
      <div className="space-y-1">
        <div className="flex items-center gap-2">
          <input id={id} type="checkbox" checked={value === true || value === "true"} disabled={disabled} onChange={(event) => onChange(event.target.checked)} className="h-4 w-4 rounded border-slate-300" />
          <label htmlFor={id} className="text-sm text-slate-700">{prop.label}</label>
        </div>
        {error ? <p className="text-xs text-red-700">{error}</p> : null}
      </div>
    );
  }
  const boardChoice = boards && prop.key === "boardId";
  if (prop.type === "select" || (boardChoice && !prop.mappable)) {
    const options = prop.type === "select" ? (prop.options ?? []) : boards!.map((board) => ({ value: board.id, label: board.name }));
    return <SelectInput label={prop.label} value={text} options={options} onChange={onChange} error={error} hint={hint} required={prop.required} placeholder={prop.required && prop.type === "select" ? undefined : "Choose…"} disabled={disabled} />;
  }

  function insert(reference: string) {
    const element = ref.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    const token = referenceToInsert(reference, { json: prop.type === "json", textBefore: text.slice(0, start) });
    onChange(text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <FieldShell id={id} label={prop.label} hint={hint} error={error} required={prop.required}>
      <TextInput
        ref={ref}
        id={id}
        value={text}
        onChange={onChange}
        multiline={prop.type === "textarea" || prop.type === "json"}
        monospace={prop.type === "json"}
        error={error}
        hint={hint}
        required={prop.required}
        placeholder={prop.placeholder}
        list={boardChoice ? listId : undefined}
        disabled={disabled}
      />
      {boardChoice ? (
        <datalist id={listId}>
          {boards!.map((board) => (
            <option key={board.id} value={board.id}>
              {board.name}
            </option>
          ))}
        </datalist>
      ) : null}
      {prop.mappable && groups && !disabled ? <InsertData label={prop.label} groups={groups} onInsert={insert} /> : null}
    </FieldShell>
  );
}
