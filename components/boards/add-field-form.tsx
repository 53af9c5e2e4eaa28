"use client";
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/fields";
import { FIELD_TYPES } from "@/db/schema";
import type { ActionState } from "@/lib/auth/action";

const TYPE_LABELS: Record<(typeof FIELD_TYPES)[number], string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  select: "Select (choices)",
  email: "Email",
  checkbox: "Checkbox",
};

export function AddFieldForm({ action, appId, boardId }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; appId: string; boardId: string }) {
  const [type, setType] = useState<string>("text");
  return (
    <ActionForm action={action} className="space-y-3" resetOnSuccess onSuccess={() => setType("text")} aria-label="Add field">
      <FormMessage />
      <input type="hidden" name="appId" value={appId} />
      <input type="hidden" name="boardId" value={boardId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="label" label="Field name" placeholder="e.g. Customer email" />
        <SelectField
          name="type"
          label="Field type"
          options={FIELD_TYPES.map((value) => ({ value, label: TYPE_LABELS[value] }))}
          defaultValue="text"
          onChange={(event) => setType(event.target.value)}
        />
      </div>
      {type === "select" ? <TextAreaField name="options" label="Choices" hint="One per line." rows={3} /> : null}
      <CheckboxField name="required" label="Required" />
      <SubmitButton>Add field</SubmitButton>
    </ActionForm>
  );
}
