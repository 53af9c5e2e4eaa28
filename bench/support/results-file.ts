// bench/results.md, written by every run: the machine, the date, the commit, the figures with their
// targets, the baselines and ratios, and what limits each figure that missed its goal.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BASELINES, formatNumber, targetText, valueText, type BaselineKey, type FigureSpec, type Figures } from "./figures";

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "results.md");

function git(...args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8" }).trim();
}

/** The commit measured, and whether the working tree differed from it (this file aside). */
function commitText(): string {
  const commit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain", "--", ".", `:!${path.relative(git("rev-parse", "--show-toplevel"), RESULTS_FILE)}`) !== "";
  return dirty ? `${commit}, with uncommitted changes` : `${commit}, clean working tree`;
}

function osText(): string {
  const release = fs.existsSync("/etc/os-release") ? /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] : undefined;
  return `${release ?? os.type()}, ${os.type()} ${os.release()} (${os.arch()})`;
}

export function machineText(): string {
  const cpu = os.cpus();
  return [
    `| CPU | ${cpu[0]?.model.trim() ?? "unknown"}, ${cpu.length} cores |`,
    `| memory | ${formatNumber(os.totalmem() / 2 ** 30, 1)} GiB |`,
    `| OS | ${osText()} |`,
    `| Node | ${process.version} |`,
  ].join("\n");
}

export type RunFacts = { startedAt: Date; minutes: number; repeat: number; historyRuns: number; sections: string[] };

export type Limits = { byFigure: Map<FigureSpec, string>; notProfiled: string; quietBaselines: Record<BaselineKey, number> };

/** Said first when a baseline was well under what a quiet machine of this kind measures. */
function busyMachineText(figures: Figures, quiet: Record<BaselineKey, number>): string | null {
  const slow = (Object.keys(quiet) as BaselineKey[]).flatMap((key) => {
    const measured = figures.baselineMedian(key);
    if (measured === undefined || measured >= 0.8 * quiet[key]) return [];
    return [`${BASELINES[key].name} ${formatNumber(measured, 0)} ${BASELINES[key].unit}, ${formatNumber((100 * measured) / quiet[key], 0)}% of the ${formatNumber(quiet[key], 0)} of a quiet run`];
  });
  if (slow.length === 0) return null;
  return `The machine was busy during this run: ${slow.join("; ")}. Other work shared the two cores, and every figure was slower by about as much: compare the ratios, not the figures.`;
}

export function writeResults(figures: Figures, facts: RunFacts, limits: Limits): string {
  const explained = new Map<string, string>();
  const explanations = figures.missed().map(({ spec, median, verdict }) => {
    const target = verdict === "floor missed" ? `floor ${targetText(spec, spec.floor)}` : `goal ${targetText(spec, spec.goal)}`;
    const limit = limits.byFigure.get(spec) ?? limits.notProfiled;
    const text = explained.has(limit) ? `The same as for "${explained.get(limit)}" above.` : limit;
    if (!explained.has(limit)) explained.set(limit, spec.name);
    return `### ${spec.name}\n\nMeasured ${valueText(spec, median)} (median), ${target}.\n\n${text}`;
  });
  const text = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` at the end of its run; [README.md](README.md) says how each figure is measured.`,
    "",
    "| | |",
    "|---|---|",
    `| date | ${facts.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC |`,
    `| commit | ${commitText()} |`,
    machineText(),
    `| run | BENCH_REPEAT=${facts.repeat} (each figure is the median of ${facts.repeat} measurements, the range in brackets); ${facts.historyRuns.toLocaleString("en-US")} runs in the history; sections: ${facts.sections.join(", ")}; ${formatNumber(facts.minutes, 1)} minutes in all |`,
    "",
    "## Figures",
    "",
    figures.table(),
    "",
    ...figures.notes.map((note) => `${note}\n`),
    "## Baselines and ratios",
    "",
    "Measured in the same run, on the same machine: machines are noisy, the ratios are what compare.",
    "",
    figures.baselinesText(),
    "",
    "## What limits the missed figures",
    "",
    explanations.length === 0 ? "Every figure met its goal in this run." : [busyMachineText(figures, limits.quietBaselines), ...explanations].filter((part) => part !== null).join("\n\n"),
    "",
  ].join("\n");
  fs.writeFileSync(RESULTS_FILE, text);
  return RESULTS_FILE;
}
