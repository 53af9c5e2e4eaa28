// One step's outcome: its name, connector and action, status, duration, error, and input and
// output as JSON text. The editor's Test result and a run's page show steps the same way.
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { JsonBlock } from "@/components/ui/json-block";
import type { RunStep } from "@/db/schema";
import { formatDuration } from "@/lib/runs/labels";

export type StepOutcomeData = {
  name: string;
  connectorName: string;
  actionName: string;
  status: RunStep["status"];
  durationMs: number;
  error: string | null;
  input: unknown;
  output: unknown;
};

/** `label` names the group for assistive technology; `title` is what is shown (the name by default). */
export function StepOutcome({ step, label, title = step.name, note }: { step: StepOutcomeData; label: string; title?: string; note?: string }) {
  return (
    <section role="group" aria-label={label} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">
          {title} <span className="font-normal text-slate-500">({step.connectorName}: {step.actionName})</span>
        </span>
        <RunStatusBadge status={step.status} />
        <span className="text-xs text-slate-500">
          {formatDuration(step.durationMs)}
          {note ? ` · ${note}` : ""}
        </span>
      </div>
      {step.status === "filtered" ? <p className="text-sm text-amber-900">The filter did not pass: the run stops here.</p> : null}
      {step.error ? <p className="break-words text-sm text-red-800">{step.error}</p> : null}
      <div className="grid gap-2 lg:grid-cols-2">
        <JsonBlock label="Input" value={step.input} />
        {step.error ? null : <JsonBlock label="Output" value={step.output} />}
      </div>
    </section>
  );
}
