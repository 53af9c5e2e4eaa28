import type { Metadata } from "next";
import { addUserAction, changeRoleAction, removeUserAction } from "@/app/(app)/settings/users/actions";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/fields";
import { listUsers } from "@/db/queries/settings";
import { ROLES } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

const ROLE_OPTIONS = ROLES.map((role) => ({
  value: role,
  label: { admin: "Admin — everything", builder: "Builder — build, deploy, manage integrations", member: "Member — use apps, read run history" }[role],
}));

export default async function UsersPage() {
  const user = await requireUser();
  if (user.role !== "admin") {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        Only admins can manage the account&apos;s users.
      </p>
    );
  }
  const people = listUsers(user.accountId);
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Users</h2>
      <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm" aria-label="Users">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Email</th>
            <th scope="col" className="px-3 py-2">Role</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {people.map((person) => (
            <tr key={person.id}>
              <td className="px-3 py-2">{person.name}</td>
              <td className="px-3 py-2">{person.email}</td>
              <td className="px-3 py-2">
                <ActionForm action={changeRoleAction} className="flex items-end gap-2" aria-label={`Role of ${person.name}`}>
                  <input type="hidden" name="userId" value={person.id} />
                  <SelectField name="role" label={`Role of ${person.name}`} options={ROLES.map((r) => ({ value: r, label: r }))} defaultValue={person.role} className="[&>label]:sr-only" />
                  <SubmitButton variant="secondary">Save</SubmitButton>
                  <FormMessage />
                </ActionForm>
              </td>
              <td className="px-3 py-2 text-right">
                {person.id !== user.userId ? (
                  <ActionForm action={removeUserAction} aria-label={`Remove ${person.name}`}>
                    <input type="hidden" name="userId" value={person.id} />
                    <SubmitButton variant="danger" confirm={`Remove ${person.name}? They can no longer sign in.`}>
                      Remove
                    </SubmitButton>
                  </ActionForm>
                ) : (
                  <span className="text-xs text-slate-500">You</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="add-user" className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="add-user" className="text-base font-semibold">Add user</h3>
        <ActionForm action={addUserAction} className="mt-3 space-y-3" resetOnSuccess aria-label="Add user">
          <FormMessage />
          <TextField name="name" label="Name" />
          <TextField name="email" label="Email" type="email" />
          <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="member" />
          <TextField name="password" label="Temporary password" type="password" hint="At least 8 characters. Share it with them safely." autoComplete="new-password" />
          <SubmitButton>Add user</SubmitButton>
        </ActionForm>
      </section>
    </div>
  );
}
