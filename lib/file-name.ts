/** A download's file name from an app's name: `Order desk` + `runs.csv` → `order-desk-runs.csv`. */
export function appFileName(appName: string, suffix: string): string {
  const slug = appName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug || "app"}-${suffix}`;
}
