"use client";
// The add/edit form of a board item: one input per typed field.
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";
import type { BoardField, ItemValues } from "@/db/schema";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const INPUT_TYPE: Record<Exclude<BoardField["type"], "select" | "checkbox">, string> = {
  text: "text",
  number: "text",
  date: "date",
  email: "email",
};

export function ItemFields({ fields, values }: { fields: BoardField[]; values?: ItemValues }) {
  return (
    <>
      {fields.map((field) => {
        const name = `field:${field.key}`;
        const current = values?.[field.key];
        if (field.type === "checkbox") {
          return <CheckboxField key={field.key} name={name} label={field.label} defaultChecked={current === true} />;
        }
        if (field.type === "select") {
          const options = [{ value: "", label: "—" }, ...(field.options ?? []).map((o) => ({ value: o, label: o }))];
          return <SelectField key={field.key} name={name} label={field.label} required={field.required} options={options} defaultValue={typeof current === "string" ? current : ""} />;
        }
        return (
          <TextField
            key={field.key}
            name={name}
            label={field.label}
            required={field.required}
            type={INPUT_TYPE[field.type]}
            inputMode={field.type === "number" ? "decimal" : undefined}
            defaultValue={current === null || current === undefined ? "" : String(current)}
          />
        );
      })}
    </>
  );
}

export function ItemForm({ action, fields, values, submitLabel, ariaLabel }: { action: Action; fields: BoardField[]; values?: ItemValues; submitLabel: string; ariaLabel: string }) {
  return (
    <ActionForm action={action} className="space-y-3" resetOnSuccess={!values} aria-label={ariaLabel}>
      <FormMessage />
      <div className="grid gap-3 sm:grid-cols-2">
        <ItemFields fields={fields} values={values} />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
