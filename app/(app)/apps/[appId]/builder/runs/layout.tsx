export default function DevelopmentRunHistoryLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Logic</p>
        <h1 className="text-2xl font-semibold">Run history</h1>
      </div>
      {children}
    </div>
  );
}
