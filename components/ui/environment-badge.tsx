import type { EnvironmentKind } from "@/db/schema";

export function EnvironmentBadge({ kind }: { kind: EnvironmentKind }) {
  const style = kind === "production" ? "bg-emerald-100 text-emerald-800 ring-emerald-200" : "bg-amber-100 text-amber-900 ring-amber-200";
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>{kind === "production" ? "Production" : "Development"}</span>;
}
