/**
 * The bench's figures: each is printed as it is measured ([PASS], [MISS] or [info]) and, at the
 * end, written to BENCHMARKS.md with the notes (peak memory, query plans, profiles) collected on the
 * way. A `goal` figure is one of the performance goals the table at the top of BENCHMARKS.md lists.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export type Figure = {
  section: string;
  name: string;
  value?: string;
  goal: string;
  ok?: boolean;
  ratio?: string;
  note?: string;
  /** One of the headline performance goals (listed first in BENCHMARKS.md). */
  headline?: boolean;
};

const figures: Figure[] = [];
const notes: string[] = [];

export function record(figure: Figure) {
  figures.push(figure);
  const status = figure.ok === undefined ? 'info' : figure.ok ? 'PASS' : 'MISS';
  const parts = [
    `[${status}]`,
    `${figure.section} — ${figure.name}:`,
    figure.value ?? '',
    `(goal ${figure.goal})`,
    figure.ratio ? `ratio ${figure.ratio}` : '',
    figure.note ? `— ${figure.note}` : '',
  ];
  console.log(parts.filter(Boolean).join(' '));
}

export function skipped(
  section: string,
  name: string,
  goal: string,
  why: string,
  headline = false,
) {
  record({ section, name, goal, value: `skipped: ${why}`, headline });
}

/** A line (or a Markdown block, when it holds a newline) for the notes under the table. */
export function note(...lines: string[]) {
  notes.push(...lines);
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const mib = (value: number) => `${value.toFixed(0)} MiB`;

function status(figure: Figure) {
  if (figure.ok === undefined) return figure.value?.startsWith('skipped') ? 'skipped' : 'info';
  return figure.ok ? 'pass' : '**miss**';
}

const row = (figure: Figure) =>
  `| ${figure.section} | ${figure.name} | ${figure.value ?? ''} | ${figure.goal} | ${figure.ratio ?? ''} | ${status(figure)} |`;

export function summary() {
  const counted = figures.filter((figure) => figure.ok !== undefined);
  const missed = counted.filter((figure) => !figure.ok);
  const headlines = figures.filter((figure) => figure.headline);
  return {
    line: `${counted.length - missed.length} pass, ${missed.length} miss, ${figures.length - counted.length} info/skipped; headline goals: ${headlines.filter((figure) => figure.ok).length} of ${headlines.length} pass`,
    missed,
  };
}

export function writeReport(root: string, startedAt: Date, environment: string[]) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const headlines = figures.filter((figure) => figure.headline);
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts). Figures from one run; ratios compare with baselines',
    'measured in the same run on the same machine. The load generator and other work share the',
    'cores, so compare ratios within a run, not absolute numbers across runs or machines.',
    'What the profiles in the notes show, and why the goals that miss do: docs/performance.md.',
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
    ...environment.map((line) => `- ${line}`),
    `- Result: ${summary().line}`,
    '',
    '## Performance goals',
    '',
    '| # | figure | value | goal | ratio | status |',
    '|---|---|---|---|---|---|',
    ...headlines.map(row),
    '',
    '## Every figure',
    '',
    '| # | figure | value | goal | ratio | status |',
    '|---|---|---|---|---|---|',
    ...figures.filter((figure) => !figure.headline).map(row),
    '',
    '## Notes and query plans',
    '',
    ...notes.map((line) => (line.includes('\n') ? line : `- ${line}`)),
    '',
  ];
  writeFileSync(join(root, 'BENCHMARKS.md'), lines.join('\n'));
  console.log(`\nbench: wrote BENCHMARKS.md (${figures.length} figures)`);
}
