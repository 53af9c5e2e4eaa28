// OAuth apps an operator sets for the whole instance in `OAUTH_APPS` (a JSON array of the settings
// page's fields), so client secrets can live in the deployment's secret store instead of the
// database. Every account may use them; nobody can change them from the app.
import { newOAuthAppSchema, type OAuthAppInput } from "@/lib/connections/oauth-app-schema";
import { fieldErrorsOf } from "@/lib/validation";

const ENVIRONMENT_APP_PREFIX = "env:";

export type EnvironmentOAuthApp = OAuthAppInput & { id: string };

export type EnvironmentOAuthApps = {
  apps: EnvironmentOAuthApp[];
  /** What is wrong with OAUTH_APPS, for the settings page; the apps that are right stay usable. */
  problem: string | null;
};

/** Read on every call (no cache): the URL rules depend on ALLOW_PRIVATE_NETWORK, which tests change. */
export function environmentOAuthApps(): EnvironmentOAuthApps {
  const raw = process.env.OAUTH_APPS?.trim();
  if (!raw) return { apps: [], problem: null };
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    return { apps: [], problem: "OAUTH_APPS is not valid JSON." };
  }
  if (!Array.isArray(entries)) return { apps: [], problem: "OAUTH_APPS must be a JSON array of apps." };
  const apps: EnvironmentOAuthApp[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const parsed = newOAuthAppSchema.safeParse(entry);
    // Messages name fields, never values: nothing of a secret reaches the page or the log.
    if (!parsed.success) {
      problems.push(`App ${index + 1}: ${Object.values(fieldErrorsOf(parsed.error)).join(" ")}`);
    } else if (apps.some((app) => app.name === parsed.data.name)) {
      problems.push(`App ${index + 1}: another app is named "${parsed.data.name}".`);
    } else {
      apps.push({ ...parsed.data, id: `${ENVIRONMENT_APP_PREFIX}${parsed.data.name}` });
    }
  });
  return { apps, problem: problems.length > 0 ? `OAUTH_APPS has apps that were left out. ${problems.join(" ")}` : null };
}

export function isEnvironmentAppId(id: string): boolean {
  return id.startsWith(ENVIRONMENT_APP_PREFIX);
}
