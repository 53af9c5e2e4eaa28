// Runs per day by status over the last 30 days: stacked bars drawn as SVG on the server, with a
// text legend carrying the totals, a description for screen readers and the same numbers as a table.
import type { FinishedRunStatus } from "@/db/schema";
import type { DayOfRuns } from "@/lib/runs/history";
import { formatCount, RUN_STATUS_LABEL } from "@/lib/runs/labels";

const SERIES: { status: FinishedRunStatus; fill: string; swatch: string }[] = [
  { status: "succeeded", fill: "#10b981", swatch: "bg-emerald-500" },
  { status: "filtered", fill: "#f59e0b", swatch: "bg-amber-500" },
  { status: "failed", fill: "#ef4444", swatch: "bg-red-500" },
];

const WIDTH = 720;
const HEIGHT = 160;
const AXIS = 18;
const PLOT = HEIGHT - AXIS;

const totalOf = (day: DayOfRuns) => day.succeeded + day.failed + day.filtered;
const shortDay = (day: string) => day.slice(5);

export function RunsChart({ days }: { days: DayOfRuns[] }) {
  const title = `Runs per day by status, last ${days.length} days`;
  const totals = Object.fromEntries(SERIES.map(({ status }) => [status, days.reduce((sum, day) => sum + day[status], 0)])) as Record<FinishedRunStatus, number>;
  const peak = Math.max(1, ...days.map(totalOf));
  const slot = WIDTH / days.length;
  const busiest = days.reduce((best, day) => (totalOf(day) > totalOf(best) ? day : best), days[0]);
  const description =
    `${totals.succeeded + totals.failed + totals.filtered} finished runs from ${days[0].day} to ${days[days.length - 1].day}: ` +
    SERIES.map(({ status }) => `${totals[status]} ${RUN_STATUS_LABEL[status].toLowerCase()}`).join(", ") +
    (totalOf(busiest) > 0 ? `. The busiest day was ${busiest.day} with ${totalOf(busiest)}.` : ".");
  return (
    <figure aria-labelledby="runs-chart-caption" className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption id="runs-chart-caption" className="text-sm font-semibold">{title}</figcaption>
      <ul aria-label="Legend" className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700">
        {SERIES.map(({ status, swatch }) => (
          <li key={status} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${swatch}`} />
            {RUN_STATUS_LABEL[status]}: {formatCount(totals[status])}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="runs-chart-title runs-chart-desc" className="mt-3 h-auto w-full">
        <title id="runs-chart-title">{title}</title>
        <desc id="runs-chart-desc">{description}</desc>
        <line x1={0} x2={WIDTH} y1={PLOT} y2={PLOT} stroke="#cbd5e1" strokeWidth={1} />
        {days.map((day, index) => {
          let top = PLOT;
          return (
            <g key={day.day}>
              <title>{`${day.day}: ${SERIES.map(({ status }) => `${day[status]} ${RUN_STATUS_LABEL[status].toLowerCase()}`).join(", ")}`}</title>
              {SERIES.map(({ status, fill }) => {
                const height = (day[status] / peak) * (PLOT - 4);
                top -= height;
                return height > 0 ? <rect key={status} x={index * slot + 2} y={top} width={slot - 4} height={height} fill={fill} /> : null;
              })}
            </g>
          );
        })}
        {/* The first and last labels align with the plot's edges, so neither is cut off. */}
        {(
          [
            [0, 0, "start"],
            [Math.floor(days.length / 2), Math.floor(days.length / 2) * slot + slot / 2, "middle"],
            [days.length - 1, WIDTH, "end"],
          ] as const
        ).map(([index, x, anchor]) => (
          <text key={index} x={x} y={HEIGHT - 4} textAnchor={anchor} fontSize={11} fill="#64748b">
            {shortDay(days[index].day)}
          </text>
        ))}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline">Show the numbers as a table</summary>
        <table aria-label="Runs per day by status" className="mt-2 min-w-full text-xs">
          <thead className="text-left text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3">Day (UTC)</th>
              {SERIES.map(({ status }) => (
                <th key={status} scope="col" className="py-1 pr-3 text-right">{RUN_STATUS_LABEL[status]}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">{day.day}</th>
                {SERIES.map(({ status }) => (
                  <td key={status} className="py-1 pr-3 text-right tabular-nums">{day[status]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
