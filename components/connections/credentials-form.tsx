"use client";
// Connect now / Reauthenticate: the connector's auth fields. Secrets are never sent to the
// browser: a stored one shows as "••••" and is kept unless something new is typed.
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/fields";
import type { ActionState } from "@/lib/auth/action";
import type { PropField } from "@/lib/connectors/framework";

const INPUT_TYPE: Partial<Record<PropField["type"], string>> = { password: "password", number: "text", url: "url", email: "email" };

function Field({ field, value, secretSet, onChange }: { field: PropField; value: unknown; secretSet: boolean; onChange: (v: string) => void }) {
  const common = { name: field.key, label: field.label, hint: field.hint, required: field.required && !(field.secret && secretSet) };
  if (field.type === "checkbox") return <CheckboxField name={field.key} label={field.label} defaultChecked={value === true} />;
  if (field.type === "select") {
    return <SelectField {...common} options={field.options ?? []} defaultValue={typeof value === "string" ? value : field.options?.[0]?.value} onChange={(event) => onChange(event.target.value)} />;
  }
  if (field.type === "textarea" || field.type === "json") return <TextAreaField {...common} rows={4} defaultValue={typeof value === "string" ? value : ""} />;
  if (field.secret) {
    return (
      <TextField
        {...common}
        type="password"
        autoComplete="off"
        placeholder={secretSet ? "••••" : field.placeholder}
        hint={secretSet ? "Stored. Leave empty to keep it, or type a new value." : field.hint}
      />
    );
  }
  return (
    <TextField
      {...common}
      type={INPUT_TYPE[field.type] ?? "text"}
      inputMode={field.type === "number" ? "numeric" : undefined}
      placeholder={field.placeholder}
      defaultValue={value === undefined || value === null ? "" : String(value)}
    />
  );
}

export function CredentialsForm({
  action,
  fields,
  values,
  secretsSet,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: PropField[];
  values: Record<string, unknown>;
  secretsSet: Record<string, boolean>;
  submitLabel: string;
}) {
  // Select values decide which other fields show (e.g. the API key's name only for API keys).
  const [selected, setSelected] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.filter((f) => f.type === "select").map((f) => [f.key, String(values[f.key] ?? f.options?.[0]?.value ?? "")])),
  );
  const visible = fields.filter((f) => !f.showWhen || f.showWhen.equals.includes(selected[f.showWhen.field] ?? ""));
  return (
    <ActionForm action={action} className="space-y-4" aria-label={submitLabel}>
      <FormMessage />
      {visible.map((field) => (
        <Field key={field.key} field={field} value={values[field.key]} secretSet={secretsSet[field.key] ?? false} onChange={(v) => setSelected((s) => ({ ...s, [field.key]: v }))} />
      ))}
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
