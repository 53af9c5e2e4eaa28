// Calls a server action over HTTP exactly as the browser's Next.js router does: the arguments
// (bound ones first) encoded by the Flight client bundled with this build, unused ones left out
// as the action's ID says, POSTed to a page that offers the action with the `Next-Action`
// header; the answer's Flight payload decoded by the same client.
import { createFromReadableStream, encodeReply } from "next/dist/compiled/react-server-dom-turbopack/client.node.js";
import { extractInfoFromServerReferenceId, omitUnusedArgs } from "next/dist/shared/lib/server-reference-info.js";
import type { HttpSession } from "./http-session";
import type { BuiltAction } from "./build-manifest";

export type ActionAnswer = {
  status: number;
  /** Where the action sent the browser (`redirect()` in the action), if it did. */
  redirect: string | null;
  /** What the action returned (undefined after a redirect), decoded from the Flight payload. */
  result: unknown;
  /** The whole body as it came: the Flight payload (with the refreshed page, if any), or an error page. */
  text: string;
};

// The answer may also carry the page's refreshed tree, whose client components a test never
// renders: every client module resolves to a stub, and none is loaded.
const stubModules = new Proxy({}, { get: (_modules, id) => ({ "*": { id: String(id), chunks: [], name: "*" } }) });

export async function callServerAction(session: HttpSession, action: BuiltAction, pagePath: string, args: unknown[]): Promise<ActionAnswer> {
  const body = await encodeReply(omitUnusedArgs(args, extractInfoFromServerReferenceId(action.id)));
  const response = await session.send(pagePath, {
    method: "POST",
    headers: { Accept: "text/x-component", "Next-Action": action.id, Origin: session.baseUrl },
    body,
  });
  const redirect = response.headers.get("x-action-redirect")?.split(";")[0] ?? null;
  const text = await response.text();
  if (!response.headers.get("content-type")?.startsWith("text/x-component")) return { status: response.status, redirect, result: undefined, text };
  const root = await createFromReadableStream<{ a?: Promise<unknown> }>(new Response(text).body!, {
    serverConsumerManifest: { moduleMap: stubModules, serverModuleMap: null, moduleLoading: null },
  });
  return { status: response.status, redirect, result: redirect ? undefined : await root.a, text };
}
