// The figures of a benchmark run: each measured BENCH_REPEAT times, reported as the median with the
// range, beside its floor and goal (SPEC §8) and whether the median meets them; and the two
// baselines the ratios are taken to.
export type Target = { op: "≥" | "<"; value: number };

export type FigureSpec = {
  name: string;
  unit: string;
  /** Decimals printed. */
  digits: number;
  /** Printed before the value, e.g. "p95". */
  label?: string;
  floor?: Target;
  goal?: Target;
  /** The baseline this figure's median is divided by, for a ratio that compares across machines. */
  ratioTo?: BaselineKey;
};

export type BaselineKey = "sqlite" | "health";

export const BASELINES: Record<BaselineKey, { name: string; unit: string; short: string }> = {
  sqlite: { name: "SQLite, one row per transaction (WAL, synchronous=NORMAL), this disk", unit: "rows/s", short: "SQLite rows/s" },
  health: { name: "GET /api/health, 20 connections, the same server", unit: "req/s", short: "health req/s" },
};

type Measured = { spec: FigureSpec; samples: number[]; extras: Map<string, { unit: string; digits: number; samples: number[] }> };

export type Verdict = "goal met" | "floor met, goal missed" | "floor missed" | "goal missed" | "floor met" | "—";

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function meets(target: Target, value: number): boolean {
  return target.op === "≥" ? value >= target.value : value < target.value;
}

const labelOf = (spec: FigureSpec) => (spec.label ? `${spec.label} ` : "");

export function valueText(spec: FigureSpec, value: number): string {
  return `${labelOf(spec)}${formatNumber(value, spec.digits)} ${spec.unit}`;
}

export function targetText(spec: FigureSpec, target: Target | undefined): string {
  return target ? `${labelOf(spec)}${target.op} ${formatNumber(target.value, 0)} ${spec.unit}` : "—";
}

export class Figures {
  private readonly measured: Measured[] = [];
  private readonly baselines = new Map<BaselineKey, number[]>();
  readonly notes: string[] = [];

  /** One measurement of a figure, with optional details measured with it (p50, client latency…). */
  add(spec: FigureSpec, value: number, extras: Record<string, { value: number; unit: string; digits: number }> = {}): void {
    let entry = this.measured.find((m) => m.spec === spec);
    if (!entry) {
      entry = { spec, samples: [], extras: new Map() };
      this.measured.push(entry);
    }
    entry.samples.push(value);
    for (const [name, extra] of Object.entries(extras)) {
      const kept = entry.extras.get(name) ?? { unit: extra.unit, digits: extra.digits, samples: [] };
      kept.samples.push(extra.value);
      entry.extras.set(name, kept);
    }
    const targets = [spec.floor && `floor ${targetText(spec, spec.floor)}`, spec.goal && `goal ${targetText(spec, spec.goal)}`].filter(Boolean).join(", ");
    const details = Object.entries(extras).map(([name, extra]) => `${name} ${formatNumber(extra.value, extra.digits)} ${extra.unit}`);
    console.log(`  ${spec.name}: ${valueText(spec, value)}${details.length ? ` (${details.join(", ")})` : ""}${targets ? `   [${targets}]` : ""}`);
  }

  /** A fact of the run that is not a figure (how long seeding took). */
  note(text: string): void {
    this.notes.push(text);
    console.log(`  ${text}`);
  }

  addBaseline(key: BaselineKey, value: number): void {
    this.baselines.set(key, [...(this.baselines.get(key) ?? []), value]);
    console.log(`  ${BASELINES[key].name}: ${formatNumber(value, 0)} ${BASELINES[key].unit}`);
  }

  private rangeText(samples: number[], digits: number): string {
    return samples.length > 1 ? ` (${formatNumber(Math.min(...samples), digits)}–${formatNumber(Math.max(...samples), digits)})` : "";
  }

  verdict(spec: FigureSpec, value: number): Verdict {
    const floor = spec.floor ? meets(spec.floor, value) : undefined;
    const goal = spec.goal ? meets(spec.goal, value) : undefined;
    if (goal === true) return "goal met";
    if (floor === false) return "floor missed";
    if (goal === false) return floor === true ? "floor met, goal missed" : "goal missed";
    return floor === true ? "floor met" : "—";
  }

  /** Figures whose median misses the goal (or the floor, when there is no goal). */
  missed(): { spec: FigureSpec; median: number; verdict: Verdict }[] {
    return this.measured
      .map(({ spec, samples }) => ({ spec, median: median(samples), verdict: this.verdict(spec, median(samples)) }))
      .filter(({ verdict }) => verdict.includes("missed"));
  }

  /** The table: figure, median (range), floor, goal, verdict. */
  table(): string {
    const rows = this.measured.map(({ spec, samples, extras }) => {
      const details = [...extras].map(([name, extra]) => `${name} ${formatNumber(median(extra.samples), extra.digits)} ${extra.unit}`);
      const measured = `${valueText(spec, median(samples))}${this.rangeText(samples, spec.digits)}${details.length ? `; ${details.join(", ")}` : ""}`;
      return `| ${spec.name} | ${measured} | ${targetText(spec, spec.floor)} | ${targetText(spec, spec.goal)} | ${this.verdict(spec, median(samples))} |`;
    });
    return ["| figure | measured: median (range) | floor | goal | met |", "|---|---|---|---|---|", ...rows].join("\n");
  }

  baselineMedian(key: BaselineKey): number | undefined {
    const samples = this.baselines.get(key);
    return samples ? median(samples) : undefined;
  }

  /** The baselines' medians and ranges, and each figure's ratio to its baseline. */
  baselinesText(): string {
    const lines = [...this.baselines].map(([key, samples]) => `- ${BASELINES[key].name}: ${formatNumber(median(samples), 0)} ${BASELINES[key].unit}${this.rangeText(samples, 0)}`);
    const ratios = this.measured
      .filter(({ spec }) => spec.ratioTo && this.baselines.has(spec.ratioTo))
      .map(({ spec, samples }) => `- ${spec.name}: ${formatNumber(median(samples) / median(this.baselines.get(spec.ratioTo!)!), 2)} × ${BASELINES[spec.ratioTo!].short}`);
    return [...lines, ...(ratios.length ? ["", "Ratios of the medians (these compare across machines):", "", ...ratios] : [])].join("\n");
  }
}
