// Reads a request's JSON body with a size cap. Content-Length is checked first so an honest
// oversized request is refused without reading it; the bytes are counted while streaming too,
// because a chunked body has no Content-Length and a client can send more than it announced.
import { HttpError } from "@/lib/api/error-response";
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

const TOO_LARGE = `The request body is larger than the limit of 1 MiB (${MAX_BODY_BYTES} bytes).`;

function tooLarge(): AppError {
  return new AppError("payload_too_large", TOO_LARGE);
}

// A body cut off mid-stream leaves the rest of it unread on the connection: a client reusing it
// for its next request would wait on a socket the server no longer reads. (A body refused from
// its Content-Length is skipped by Node.js, and the connection stays usable.)
function cutOff(): AppError {
  return new HttpError("payload_too_large", TOO_LARGE, { Connection: "close" });
}

function isJsonContentType(value: string | null): boolean {
  const type = value?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw cutOff();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The raw body, at most 1 MiB: refused from Content-Length before reading, else while streaming.
 * For callers that need the exact bytes (a webhook's signature is over them).
 */
export async function readBodyBytes(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  return readCapped(request, MAX_BODY_BYTES);
}

/**
 * Deeper bodies are refused: JSON.parse reads any depth, but JSON.stringify (request hashes, run
 * history) recurses and overflows the stack near a few thousand levels. Real data is never this deep.
 */
export const MAX_JSON_DEPTH = 100;

/** Whether arrays and objects in JSON text nest deeper than `max` (brackets inside strings do not count). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The JSON value of a body's bytes; 400 for text that is not UTF-8, empty, malformed or too deep JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8 text.");
  }
  if (text.trim() === "") throw new AppError("bad_request", "The request body is empty; send a JSON value.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new AppError("bad_request", `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; send flatter JSON.`);
  }
  return value;
}

/** The parsed JSON body; 400 for a wrong content type, empty or malformed JSON, 413 over the cap. */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("bad_request", "Send the request body as JSON with the header Content-Type: application/json.");
  }
  return parseJsonBytes(await readBodyBytes(request));
}
