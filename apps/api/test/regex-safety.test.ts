import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { transformSync } from 'esbuild';
import { check } from 'recheck';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/chat/offline/parse-command.js';
import type { UserClock } from '../src/time/user-clock.js';

/**
 * No regular expression in the API may backtrack super-linearly: one chat message of 60
 * characters once held the whole process for seconds. recheck (a ReDoS checker built on automata
 * theory, with fuzzing where that does not apply) judges every regex literal and `RegExp(…)` in
 * src/; a pattern built at run time cannot be judged, so it fails here too. The timed inputs below
 * replay the shapes that used to blow up through the whole offline parser.
 */

const SRC = fileURLToPath(new URL('../src', import.meta.url));

type Found = { where: string; source: string; flags: string } | { where: string; dynamic: string };

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item);
    return;
  }
  if (typeof value !== 'object' || value === null || !('type' in value)) return;
  yield value as Node;
  for (const child of Object.values(value)) if (typeof child === 'object') yield* nodes(child);
}

/** Every regex in one file, found in its syntax tree (TypeScript stripped by esbuild). */
function regexesIn(path: string): Found[] {
  const original = readFileSync(path, 'utf8');
  const { code } = transformSync(original, { loader: 'ts', target: 'esnext' });
  const found: Found[] = [];
  // The line in the TypeScript source: esbuild leaves a literal as written, but moves lines.
  const where = (node: Node) => {
    const at = original.indexOf(code.slice(node.start, node.end));
    const line = at < 0 ? '?' : original.slice(0, at).split('\n').length;
    return `${relative(SRC, path)}:${line}`;
  };
  for (const node of nodes(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }))) {
    const regex = node.regex as { pattern: string; flags: string } | undefined;
    if (node.type === 'Literal' && regex) {
      found.push({ where: where(node), source: regex.pattern, flags: regex.flags });
    }
    const callee = node.callee as Node | undefined;
    const isRegExpCall =
      (node.type === 'NewExpression' || node.type === 'CallExpression') &&
      callee?.type === 'Identifier' &&
      callee.name === 'RegExp';
    if (!isRegExpCall) continue;
    const args = node.arguments as Node[];
    const [source, flags] = args.map((arg) =>
      arg.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined,
    );
    if (source !== undefined && (flags !== undefined || args.length === 1)) {
      found.push({ where: where(node), source, flags: flags ?? '' });
    } else found.push({ where: where(node), dynamic: code.slice(node.start, node.end) });
  }
  return found;
}

const REGEXES = [...sourceFiles(SRC)].flatMap(regexesIn);

describe('every regex in apps/api/src', () => {
  it('is found (the scan itself works)', () => {
    // The parser alone holds dozens; a broken scan would find none and prove nothing.
    expect(REGEXES.length).toBeGreaterThan(50);
    expect(REGEXES.some((found) => found.where.startsWith('chat/offline/parse-command.ts'))).toBe(
      true,
    );
  });

  it.each(REGEXES.map((found) => [found.where, found] as const))(
    '%s is linear (recheck)',
    { timeout: 60_000 },
    async (_where, found) => {
      if ('dynamic' in found) {
        expect.fail(`built at run time, so it cannot be checked: ${found.dynamic}`);
      }
      const diagnostics = await check(found.source, found.flags, { timeout: 30_000 });
      const verdict =
        diagnostics.status === 'vulnerable'
          ? `${diagnostics.complexity.summary}, e.g. ${diagnostics.attack.pattern}`
          : diagnostics.status;
      expect(verdict, `/${found.source}/${found.flags}`).toBe('safe');
    },
  );
});

describe('the offline parser on hostile messages', () => {
  const NOW: UserClock = {
    zone: 'Pacific/Kiritimati',
    weekStart: 'monday',
    now: Temporal.Instant.from('2026-03-11T10:00:00Z'),
  };
  /** The starts of every phrasing the parser knows, so each rule meets each filler. */
  const STARTS = [
    '',
    'add ',
    'add #a ',
    'tag 1 ',
    'tag ',
    'remove ',
    'move 1 ',
    'move ',
    'rename 1 ',
    'change the ',
    'set the priority of ',
    'set the due date of ',
    'make ',
    '1 is ',
    'mark ',
    'done with ',
    'reopen ',
    'delete ',
    'i just ',
    'show ',
    'show tasks about ',
    'please ',
  ];
  const ENDS = ['', '!', ' x', '\n', ' to', ' done', ' from 1', ' please'];
  const FILLERS = {
    'runs of #a': '#a'.repeat(5_000),
    'runs of "#a "': '#a '.repeat(3_400),
    spaces: ' '.repeat(10_000),
    tabs: '\t'.repeat(10_000),
    commas: ','.repeat(10_000),
    digits: '1'.repeat(10_000),
    '" to"': ' to'.repeat(3_400),
    '" is due"': ' is due'.repeat(1_500),
    dots: '.'.repeat(10_000),
    words: 'milk '.repeat(2_000),
    dates: ' friday'.repeat(1_500),
  };
  const BUDGET_MS = 50;

  it.each(Object.entries(FILLERS))('%s: every phrasing parses in < 50 ms', (_name, filler) => {
    parseCommand(`add warm up tomorrow 5pm #tag high priority${filler}`, NOW); // compile, JIT
    const slow: string[] = [];
    for (const start of STARTS) {
      for (const end of ENDS) {
        const message = start + filler + end;
        expect(message.length).toBeGreaterThanOrEqual(10_000);
        // The fastest of three: a blow-up is in every run, a pause of the collector in one.
        let fastest = Number.POSITIVE_INFINITY;
        for (let run = 0; run < 3; run++) {
          const began = performance.now();
          parseCommand(message, NOW);
          fastest = Math.min(fastest, performance.now() - began);
        }
        if (fastest >= BUDGET_MS) {
          slow.push(`${JSON.stringify(start)} … ${JSON.stringify(end)}: ${fastest.toFixed(0)} ms`);
        }
      }
    }
    expect(slow).toEqual([]);
  });
});
