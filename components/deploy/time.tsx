/** A moment as "2025-01-31 09:00 UTC", with the exact time for machines; "Never" when there is none. */
export function Time({ ms, never = "Never" }: { ms: number | null; never?: string }) {
  if (ms === null) return <span className="text-slate-500">{never}</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {iso.slice(0, 16).replace("T", " ")} UTC
    </time>
  );
}
