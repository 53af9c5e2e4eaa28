// Maps a request's path to the Next.js route that serves it (/api/v1/[accountId]/runs), with the
// build's routes manifest, read once: static routes first, then dynamic ones in the manifest's
// order, as Next.js itself matches them.
import fs from "node:fs";
import path from "node:path";

type ManifestRoute = { page: string; regex: string };
export type RoutesManifest = { staticRoutes: ManifestRoute[]; dynamicRoutes: ManifestRoute[] };

/** Framework assets (scripts, styles, images) under /_next/, whose names are content hashes. */
export const ASSET_ROUTE = "/_next/*";
/** A path no route serves (a 404), or every path when the manifest could not be read. */
export const UNMATCHED_ROUTE = "(unmatched)";

/** The manifest of the build the server runs from: the standalone server's directory is its cwd. */
export function readRoutesManifest(): RoutesManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "routes-manifest.json"), "utf8")) as RoutesManifest;
  } catch {
    return null;
  }
}

export function routeMatcher(manifest: RoutesManifest | null = readRoutesManifest()): (url: string) => string {
  const routes = manifest ? [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((route) => ({ page: route.page, regex: new RegExp(route.regex) })) : [];
  return (url) => {
    const pathname = new URL(url, "http://localhost").pathname;
    if (pathname.startsWith("/_next/")) return ASSET_ROUTE;
    return routes.find((route) => route.regex.test(pathname))?.page ?? UNMATCHED_ROUTE;
  };
}
