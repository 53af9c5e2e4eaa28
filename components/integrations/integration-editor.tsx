"use client";
// The integration editor: the definition lives in this component's state and is saved whole
// (Save), or saved and then run once on sample data (Test, Test step). The server checks all
// of it; its answer puts each message next to its field and lists them in an alert.
import { useEffect, useRef, useState, useTransition } from "react";
import { newStep, toDefinition, toEditorState, type EditorAnswer as ServerAnswer, type EditorData, type EditorState, type EditorStep } from "@/components/integrations/editor-model";
import { TextField } from "@/components/integrations/editor-fields";
import { StepEditor } from "@/components/integrations/step-editor";
import { TestRunPanel } from "@/components/integrations/test-results";
import { TriggerEditor } from "@/components/integrations/trigger-editor";
import { buttonClass } from "@/components/ui/button-class";
import type { JsonValue } from "@/lib/connectors/framework";
import type { IntegrationDefinition } from "@/lib/integrations/definition";
import type { TestRunResult, TestStepResult } from "@/lib/integrations/test-run";

type SaveAction = (appId: string, integrationId: string, definition: unknown) => Promise<ServerAnswer>;
type TestAction = (appId: string, integrationId: string, definition: unknown, options: { stepId?: string; sample?: string; previousOutputs?: Record<string, JsonValue> }) => Promise<ServerAnswer>;

export function IntegrationEditor({ data, initial, saveAction, testAction }: { data: EditorData; initial: IntegrationDefinition; saveAction: SaveAction; testAction: TestAction }) {
  const [state, setState] = useState<EditorState>(() => toEditorState(initial));
  const [answer, setAnswer] = useState<ServerAnswer>({});
  const [dirty, setDirty] = useState(false);
  const [sample, setSample] = useState("");
  const [sampleOpen, setSampleOpen] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const [run, setRun] = useState<TestRunResult | null>(null);
  const [stepResults, setStepResults] = useState<Record<string, TestStepResult>>({});
  const [busy, startTransition] = useTransition();
  const disabled = data.archived;
  const errors = answer.fieldErrors ?? {};

  // A new test result is below the fold: bring it into view.
  useEffect(() => {
    if (run) resultRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [run]);

  function change(next: EditorState, { clearErrors = false } = {}) {
    setState(next);
    setDirty(true);
    // Errors are keyed by step position: once steps move, the old keys point at the wrong ones.
    if (clearErrors) setAnswer({});
  }
  const setStep = (index: number, step: EditorStep) => change({ ...state, steps: state.steps.map((s, i) => (i === index ? step : s)) });

  function move(index: number, direction: -1 | 1) {
    const steps = [...state.steps];
    [steps[index], steps[index + direction]] = [steps[index + direction], steps[index]];
    change({ ...state, steps }, { clearErrors: true });
  }

  function save() {
    startTransition(async () => {
      const result = await saveAction(data.appId, data.integrationId, toDefinition(state));
      setAnswer(result);
      if (result.ok) setDirty(false);
    });
  }

  function test(step?: EditorStep) {
    startTransition(async () => {
      const previousOutputs = Object.fromEntries((run?.steps ?? []).filter((s) => s.status === "succeeded").map((s) => [s.stepId, s.output]));
      const result = await testAction(data.appId, data.integrationId, toDefinition(state), { sample, stepId: step?.id, previousOutputs });
      setAnswer(result.ok ? { ok: true, message: step ? `Saved, and step "${step.name || step.id}" tested.` : "Saved and tested." } : result);
      if (!result.ok || !result.result) return;
      setDirty(false);
      if (step) setStepResults((current) => ({ ...current, [step.uid]: result.result!.steps[0] }));
      else setRun(result.result);
    });
  }

  return (
    <div className="space-y-5">
      {disabled ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This integration is archived: restore it from the Integration list to edit it.
        </p>
      ) : null}
      {answer.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{answer.error}</p>
          {answer.problems?.length ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {answer.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {answer.ok && answer.message ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {answer.message}
        </p>
      ) : null}

      <TriggerEditor data={data} trigger={state.trigger} onChange={(trigger) => change({ ...state, trigger })} errors={errors} disabled={disabled} />

      {state.steps.map((step, index) => (
        <StepEditor
          key={step.uid}
          data={data}
          state={state}
          index={index}
          onChange={(next) => setStep(index, next)}
          onMove={(direction) => move(index, direction)}
          onRemove={() => change({ ...state, steps: state.steps.filter((s) => s.uid !== step.uid) }, { clearErrors: true })}
          onTest={() => test(step)}
          errors={errors}
          result={stepResults[step.uid]}
          busy={busy}
          disabled={disabled}
        />
      ))}

      <button type="button" className={buttonClass("secondary")} disabled={disabled} onClick={() => change({ ...state, steps: [...state.steps, newStep(state.steps.map((s) => s.id))] })}>
        Add step
      </button>

      <section aria-label="Save and test" className="sticky bottom-0 space-y-3 rounded-lg border border-slate-200 bg-white/95 p-4 shadow-sm">
        <details open={sampleOpen || Boolean(errors.sample)} onToggle={(event) => setSampleOpen(event.currentTarget.open)}>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Sample trigger data{sample.trim() ? " (your JSON)" : ""}</summary>
          <TextField
            className="mt-2"
            label="Sample trigger data (JSON)"
            value={sample}
            onChange={setSample}
            multiline
            monospace
            hint="Optional. Empty: a board trigger uses the board's newest Development item, other triggers their sample data."
            error={errors.sample}
            placeholder='{"values": {"name": "Ada"}}'
          />
        </details>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={buttonClass("primary")} disabled={disabled || busy} onClick={save}>
            Save
          </button>
          <button type="button" className={buttonClass("secondary")} disabled={disabled || busy} onClick={() => test()}>
            Test
          </button>
          <span className="text-xs text-slate-500" aria-live="polite">
            {busy ? "Working…" : dirty ? "Unsaved changes" : ""}
          </span>
        </div>
        <p className="text-xs text-slate-500">Test saves first, then runs every step once on the sample data with Development connections: it really creates items and sends email.</p>
      </section>

      <div ref={resultRef}>{run ? <TestRunPanel result={run} stepCount={state.steps.length} /> : null}</div>
    </div>
  );
}
