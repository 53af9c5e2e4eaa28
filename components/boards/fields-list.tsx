"use client";
// The board's fields in order, each with move and remove buttons.
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import type { BoardField } from "@/db/schema";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function FieldButton({ action, hidden, label, children, disabled, danger }: { action: Action; hidden: Record<string, string>; label: string; children: React.ReactNode; disabled?: boolean; danger?: boolean }) {
  return (
    <ActionForm action={action}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" aria-label={label} title={label} disabled={disabled} className={buttonClass(danger ? "danger" : "ghost", "sm")}>
        {children}
      </button>
    </ActionForm>
  );
}

export function FieldsList({ fields, appId, boardId, moveAction, removeAction }: { fields: BoardField[]; appId: string; boardId: string; moveAction: Action; removeAction: Action }) {
  if (fields.length === 0) return <p className="text-sm text-slate-600">No fields yet. Add the first one below.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Fields">
      {fields.map((field, index) => {
        const hidden = { appId, boardId, key: field.key };
        return (
          <li key={field.key} className="flex items-center gap-3 py-2 text-sm">
            <span className="font-medium">{field.label}</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{field.type}</span>
            {field.required ? <span className="text-xs text-slate-500">required</span> : null}
            {field.options ? <span className="truncate text-xs text-slate-500">{field.options.join(", ")}</span> : null}
            <code className="text-xs text-slate-400">{field.key}</code>
            <div className="ml-auto flex items-center gap-1">
              <FieldButton action={moveAction} hidden={{ ...hidden, direction: "up" }} label={`Move ${field.label} up`} disabled={index === 0}>
                ↑
              </FieldButton>
              <FieldButton action={moveAction} hidden={{ ...hidden, direction: "down" }} label={`Move ${field.label} down`} disabled={index === fields.length - 1}>
                ↓
              </FieldButton>
              <FieldButton action={removeAction} hidden={hidden} label={`Remove field ${field.label}`} danger>
                Remove
              </FieldButton>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
