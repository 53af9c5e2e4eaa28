// Access keys through My settings > Security settings > API authentication. `signUpWithAccessKey`
// is what an API spec needs: a fresh account and one key of the chosen environment.
import { expect, type Page } from "@playwright/test";
import { newCredentials, openUserMenuItem, signUp, type Credentials } from "./accounts";

export type Environment = "production" | "development";
export const ENVIRONMENT_LABEL: Record<Environment, "Production" | "Development"> = { production: "Production", development: "Development" };

/** The section of one environment on the API authentication page. */
export function environmentSection(page: Page, environment: Environment) {
  return page.getByRole("region", { name: ENVIRONMENT_LABEL[environment], exact: true });
}

/** Opens My settings > Security settings from the user menu. */
export async function openSecuritySettings(page: Page): Promise<void> {
  await openUserMenuItem(page, "My settings");
  await expect(page.getByRole("heading", { name: "Security settings" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API authentication" })).toBeVisible();
}

/** Reads the Account IDs of both environments from the API authentication page. */
export async function readAccountIds(page: Page): Promise<{ accountId: string; devAccountId: string }> {
  const accountId = (await page.getByTestId("account-id-production").textContent())?.trim() ?? "";
  const devAccountId = (await page.getByTestId("account-id-development").textContent())?.trim() ?? "";
  return { accountId, devAccountId };
}

/** Reads one environment's Account domain from the API authentication page. */
export async function readAccountDomain(page: Page, environment: Environment): Promise<string> {
  return (await page.getByTestId(`account-domain-${environment}`).textContent())?.trim() ?? "";
}

/** Creates an access key on the open API authentication page; returns the ID and the secret shown once. */
export async function createAccessKey(page: Page, environment: Environment, name = `${ENVIRONMENT_LABEL[environment]} key`): Promise<{ keyId: string; secret: string }> {
  const form = environmentSection(page, environment).getByRole("form", { name: `Create ${ENVIRONMENT_LABEL[environment]} access key` });
  await form.getByLabel("Key name").fill(name);
  await form.getByRole("button", { name: "Create access key" }).click();
  const keyId = form.getByTestId("new-key-id");
  const secret = form.getByTestId("new-key-secret");
  await expect(keyId).toHaveText(/^AK[A-Z0-9]{18}$/);
  await expect(secret).not.toBeEmpty();
  return { keyId: (await keyId.textContent())!.trim(), secret: (await secret.textContent())!.trim() };
}

export type AccessKeyAccount = Credentials & { accountId: string; devAccountId: string; keyId: string; secret: string };

/**
 * Signs up a new account and creates one access key for `environment`. `accountId` is always the
 * Production Account ID and `devAccountId` the Development one, whichever environment the key is for.
 */
export async function signUpWithAccessKey(page: Page, environment: Environment = "production"): Promise<AccessKeyAccount> {
  const credentials = await signUp(page, newCredentials("api"));
  await openSecuritySettings(page);
  const ids = await readAccountIds(page);
  const key = await createAccessKey(page, environment);
  return { ...credentials, ...ids, ...key };
}
