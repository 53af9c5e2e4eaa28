// Decrypting what a connection stores (typed-in credentials or OAuth tokens). A value that no
// longer decrypts (changed in the database, or encrypted with another key) is the connection's
// problem, not a crash: it asks for reauthentication, naming the connection and never the value.
import type { Connection } from "@/db/schema";
import { DecryptionError, decryptJson } from "@/lib/connections/secrets";
import { ReauthenticationRequiredError } from "@/lib/connectors/framework";

export const UNREADABLE_CREDENTIALS_MESSAGE =
  "The stored credentials of this connection cannot be decrypted (they were changed, or encrypted with another key): Reauthenticate it.";

export class UnreadableCredentialsError extends ReauthenticationRequiredError {
  constructor(connectionName: string) {
    super(UNREADABLE_CREDENTIALS_MESSAGE.replace("of this connection", `of the connection "${connectionName}"`));
    this.name = "UnreadableCredentialsError";
  }
}

type Stored = Pick<Connection, "id" | "name"> & { credentials: string };

/** The stored value, decrypted (bound to the connection's ID, see secrets.ts). */
export function decryptCredentials<T>(connection: Stored): T {
  try {
    return decryptJson<T>(connection.credentials, connection.id);
  } catch (error) {
    if (error instanceof DecryptionError) throw new UnreadableCredentialsError(connection.name);
    throw error;
  }
}

/** The stored value, or null when there is none or it cannot be decrypted (for what can do without it). */
export function readableCredentials<T>(connection: Pick<Connection, "id" | "name" | "credentials">): T | null {
  if (!connection.credentials) return null;
  try {
    return decryptCredentials<T>({ ...connection, credentials: connection.credentials });
  } catch (error) {
    if (error instanceof UnreadableCredentialsError) return null;
    throw error;
  }
}
