import type { ConnectionStatus } from "@/db/schema";

export const STATUS_LABEL: Record<ConnectionStatus, string> = {
  connected: "Connected",
  reauthentication_required: "Reauthentication required",
  failed: "Failed",
};

const STYLE: Record<ConnectionStatus, string> = {
  connected: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  reauthentication_required: "bg-amber-100 text-amber-900 ring-amber-200",
  failed: "bg-red-100 text-red-800 ring-red-200",
};

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLE[status]}`}>{STATUS_LABEL[status]}</span>;
}
