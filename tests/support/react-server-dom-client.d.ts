// Types for the two functions tests use from the Flight client Next.js bundles for this build
// (React ships this package without type declarations).
declare module "next/dist/compiled/react-server-dom-turbopack/client.node.js" {
  /** The body a browser sends to a server action: a string, or FormData when an argument holds files or forms. */
  export function encodeReply(value: unknown): Promise<string | FormData>;
  export function createFromReadableStream<T>(
    stream: ReadableStream<Uint8Array>,
    options: { serverConsumerManifest: { moduleMap: Record<string, unknown>; serverModuleMap: null; moduleLoading: null } },
  ): Promise<T>;
}
