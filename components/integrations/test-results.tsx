// A test's outcome: the trigger data and each step's input, output or error and duration, as
// formatted JSON TEXT (React escapes it: remote data is never HTML here).
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { StepOutcome } from "@/components/runs/step-outcome";
import { JsonBlock } from "@/components/ui/json-block";
import type { TestRunResult, TestStepResult } from "@/lib/integrations/test-run";

export function StepResult({ result }: { result: TestStepResult }) {
  return <StepOutcome step={result} label={`Test result of step ${result.name}`} />;
}

export function TestRunPanel({ result, stepCount }: { result: TestRunResult; stepCount: number }) {
  const notRun = stepCount - result.steps.length;
  return (
    <section aria-labelledby="test-result-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center gap-2">
        <h2 id="test-result-heading" className="text-base font-semibold">Test result</h2>
        <RunStatusBadge status={result.status} />
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
