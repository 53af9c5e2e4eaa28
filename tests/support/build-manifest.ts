// What the build says the server answers: its pages, its route handlers and its server actions,
// read from the manifests `next build` writes, so a suite can check it covers every one of them.
import fs from "node:fs";
import path from "node:path";
import { root } from "../../scripts/server-process.mjs";

const NEXT_DIR = path.join(root, ".next");

function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(NEXT_DIR, ...parts), "utf8")) as T;
}

/** "/(app)/apps/[appId]/builder/page" → "/apps/[appId]/builder", for every page and route handler. */
function appPathRoutes(): Record<string, string> {
  return readJson("app-path-routes-manifest.json");
}

function routesOfKind(kind: "page" | "route"): string[] {
  return Object.entries(appPathRoutes())
    .filter(([entry]) => entry.endsWith(`/${kind}`))
    .map(([, route]) => route)
    .sort();
}

/** Every page of the build, as a route pattern: "/apps/[appId]/builder". */
export const builtPages = () => routesOfKind("page");

/** Every route handler of the build, as a route pattern: "/api/v1/[accountId]/runs". */
export const builtRouteHandlers = () => routesOfKind("route");

export type BuiltAction = {
  id: string;
  /** Source file and export, "app/(app)/apps/actions.ts#createAppAction": how a table names it. */
  name: string;
  /** Route patterns of the pages that can call it. */
  pages: string[];
};

type ReferenceManifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

/** Every server action of the build. */
export function builtServerActions(): BuiltAction[] {
  const routes = appPathRoutes();
  const { node } = readJson<ReferenceManifest>("server", "server-reference-manifest.json");
  return Object.entries(node)
    .map(([id, action]) => ({
      id,
      name: `${action.filename}#${action.exportedName}`,
      // A worker is "app" + the manifest entry of its page: "app/(app)/apps/page".
      pages: Object.keys(action.workers).map((worker) => routes[worker.slice("app".length)]),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
