// The fields of an OAuth app, for the "New OAuth app" form and each app's edit form. The client
// secret is never sent to the browser: a stored one shows as "••••" and is replaced only when typed.
import { SelectField, TextField } from "@/components/ui/fields";
import type { OAuthAppView } from "@/lib/connections/oauth-app-schema";

const AUTH_METHOD_OPTIONS = [
  { value: "client_secret_basic", label: "HTTP Basic header (client_secret_basic)" },
  { value: "client_secret_post", label: "In the request body (client_secret_post)" },
];

export function OAuthAppFields({ app }: { app?: OAuthAppView }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField name="name" label="Name" defaultValue={app?.name} placeholder="e.g. Acme CRM" />
      <TextField name="clientId" label="Client ID" defaultValue={app?.clientId} autoComplete="off" />
      <TextField name="authorizeUrl" label="Authorize URL" type="url" defaultValue={app?.authorizeUrl} placeholder="https://provider.example/oauth/authorize" />
      <TextField name="tokenUrl" label="Token URL" type="url" defaultValue={app?.tokenUrl} placeholder="https://provider.example/oauth/token" />
      <TextField
        name="clientSecret"
        label="Client secret"
        type="password"
        autoComplete="new-password"
        placeholder={app?.secretSet ? "••••" : undefined}
        hint={app?.secretSet ? "Stored. Type a new one only to replace it." : undefined}
      />
      <SelectField name="authMethod" label="Client authentication" options={AUTH_METHOD_OPTIONS} defaultValue={app?.authMethod ?? "client_secret_basic"} />
      <TextField name="scopes" label="Scopes" defaultValue={app?.scopes} placeholder="read write" hint="Separated by spaces; empty asks for the provider's default." />
      <TextField
        name="testUrl"
        label="Test URL"
        type="url"
        defaultValue={app?.testUrl ?? ""}
        hint="Optional: a GET address (e.g. a userinfo endpoint) that Test connection calls with the access token."
      />
      <TextField
        name="issuer"
        label="Issuer"
        type="url"
        defaultValue={app?.issuer ?? ""}
        hint="Optional: only for providers that send their issuer (iss) back, such as OpenID providers."
        className="sm:col-span-2"
      />
    </div>
  );
}
