/** A backup or restore that cannot go on: its message is the one line the command prints. */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperationError";
  }
}
