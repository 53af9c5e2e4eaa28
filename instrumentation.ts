// Runs once when the server starts. This file is also compiled for the Edge runtime, so the
// Node-only start-up (database, secrets) lives in instrumentation-node.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
