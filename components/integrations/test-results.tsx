// A test's outcome: the trigger data and each step's input, output or error and duration, as
// formatted JSON TEXT (React escapes it: remote data is never HTML here).
import type { JsonValue } from "@/lib/connectors/framework";
import type { TestRunResult, TestStepResult, TestStepStatus } from "@/lib/integrations/test-run";

const STATUS: Record<TestStepStatus, { label: string; style: string }> = {
  succeeded: { label: "Succeeded", style: "bg-emerald-100 text-emerald-800 ring-emerald-200" },
  failed: { label: "Failed", style: "bg-red-100 text-red-800 ring-red-200" },
  filtered: { label: "Filtered", style: "bg-amber-100 text-amber-900 ring-amber-200" },
};

export function TestStatusBadge({ status }: { status: TestStepStatus }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS[status].style}`}>{STATUS[status].label}</span>;
}

export function JsonBlock({ label, value }: { label: string; value: JsonValue }) {
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <pre aria-label={label} className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function StepResult({ result }: { result: TestStepResult }) {
  return (
    <div role="group" aria-label={`Test result of step ${result.name}`} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="flex items-center gap-2 text-sm">
        <span className="font-medium">
          {result.name} <span className="font-normal text-slate-500">({result.connectorName}: {result.actionName})</span>
        </span>
        <TestStatusBadge status={result.status} />
        <span className="text-xs text-slate-500">{result.durationMs} ms</span>
      </div>
      {result.status === "filtered" ? <p className="text-sm text-amber-900">The filter did not pass: the run stops here.</p> : null}
      {result.error ? <p className="text-sm text-red-800">{result.error}</p> : null}
      <div className="grid gap-2 lg:grid-cols-2">
        <JsonBlock label="Input" value={result.input} />
        {result.error ? null : <JsonBlock label="Output" value={result.output} />}
      </div>
    </div>
  );
}

export function TestRunPanel({ result, stepCount }: { result: TestRunResult; stepCount: number }) {
  const notRun = stepCount - result.steps.length;
  return (
    <section aria-labelledby="test-result-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center gap-2">
        <h2 id="test-result-heading" className="text-base font-semibold">Test result</h2>
        <TestStatusBadge status={result.status} />
        <span className="text-xs text-slate-500">{result.durationMs} ms</span>
      </div>
      <div>
        <p className="text-sm text-slate-600">{result.trigger.description}</p>
        <JsonBlock label="Trigger data" value={result.trigger.data} />
      </div>
      {result.steps.map((step) => (
        <StepResult key={step.stepId} result={step} />
      ))}
      {notRun > 0 && result.status !== "succeeded" ? <p className="text-sm text-slate-600">{notRun} later step{notRun === 1 ? " was" : "s were"} not run.</p> : null}
    </section>
  );
}
