// Runs a command-line operation: prints its lines, or the usage when its arguments are wrong, or
// one line that says what went wrong (no stack trace for a mistake a person can fix).
import { OperationError } from "@/lib/operations/operation-error";
import { EncryptionKeyError } from "@/lib/connections/secrets";

export async function runOperation(usage: string, operation: () => Promise<string[] | null>): Promise<void> {
  try {
    const lines = await operation();
    if (lines === null) {
      console.error(`Usage: ${usage}`);
      process.exitCode = 2;
      return;
    }
    for (const line of lines) console.log(line);
  } catch (error) {
    if (!(error instanceof OperationError || error instanceof EncryptionKeyError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
