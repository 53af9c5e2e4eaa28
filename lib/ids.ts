// Opaque, URL-safe identifiers. Time-ordered ones sort by creation, which keyset pagination uses.
import crypto from "node:crypto";

const ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/l/I look-alikes beyond 0-9

function randomChars(length: number): string {
  let out = "";
  for (const byte of crypto.randomBytes(length)) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** A random ID such as `app_x7K2p9Qm4tRz`. */
export function randomId(prefix: string, length = 14): string {
  return `${prefix}_${randomChars(length)}`;
}

let lastTime = 0;
let sequence = 0;

/**
 * A time-ordered ID: 10 hex digits of milliseconds, a per-process sequence, then randomness.
 * Lexicographic order equals creation order within a process, and across processes to the ms.
 */
export function sortableId(prefix: string): string {
  const now = Date.now();
  sequence = now === lastTime ? sequence + 1 : 0;
  lastTime = now;
  const time = now.toString(16).padStart(12, "0");
  const seq = sequence.toString(16).padStart(4, "0");
  return `${prefix}_${time}${seq}${randomChars(6)}`;
}

/** The Production Account ID of a new account, e.g. `AcX7k2p9`. */
export function newAccountId(): string {
  return `Ac${randomChars(6)}`;
}
