// A run's or a step's status as a coloured label: the same words in Run history, a run's page and
// the editor's Test result.
import type { RunStatus, RunStep } from "@/db/schema";
import { RUN_STATUS_LABEL } from "@/lib/runs/labels";

type Status = RunStatus | RunStep["status"];

const STYLE: Record<Status, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  running: "bg-sky-100 text-sky-800 ring-sky-200",
  succeeded: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  failed: "bg-red-100 text-red-800 ring-red-200",
  filtered: "bg-amber-100 text-amber-900 ring-amber-200",
  retrying: "bg-orange-100 text-orange-900 ring-orange-200",
};

const LABEL: Record<Status, string> = { ...RUN_STATUS_LABEL, retrying: "Retrying" };

export function RunStatusBadge({ status }: { status: Status }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLE[status]}`}>{LABEL[status]}</span>;
}
