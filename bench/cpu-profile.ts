/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of the bundled API and sums self time by where the
 * code came from: a package (`node_modules/<name>`), a folder of the API's or the contracts' own
 * source, Node's internals, or V8 (GC, idle, program). Bundle positions are mapped back to their
 * source files through the bundle's source map (`SOURCEMAP=true npm run build -w apps/api`).
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');

type CallFrame = {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
};
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = {
  /** Milliseconds of samples that were not idle. */
  busyMs: number;
  byOrigin: { origin: string; ms: number; share: number }[];
  byFunction: { name: string; origin: string; ms: number; share: number }[];
};

type Mapped = { map: SourceMap; dir: string };
const maps = new Map<string, Mapped | undefined>();
function sourceMapOf(url: string): Mapped | undefined {
  if (!maps.has(url)) {
    try {
      const file = fileURLToPath(url);
      const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      maps.set(url, { map, dir: dirname(file) });
    } catch {
      maps.set(url, undefined);
    }
  }
  return maps.get(url);
}

/** Where a frame's code came from, e.g. `fastify`, `api: tasks`, `node: internal/http`, `(gc)`. */
function originOf(frame: CallFrame): { origin: string; source: string } {
  if (!frame.url) return { origin: frame.functionName || '(anonymous)', source: '' };
  if (frame.url.startsWith('node:')) {
    return { origin: `node: ${frame.url.slice(5).split('/').slice(0, 2).join('/')}`, source: '' };
  }
  let source = frame.url;
  const mapped = frame.url.startsWith('file:') ? sourceMapOf(frame.url) : undefined;
  if (mapped) {
    const entry = mapped.map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (entry.originalSource) {
      const file = relative(root, resolve(mapped.dir, entry.originalSource));
      source = `${file}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [first = '', second = ''] = source.slice(modules + 'node_modules/'.length).split('/');
    // drizzle-orm's own source maps point one folder too high (node_modules/src/…).
    if (first === 'src') return { origin: 'drizzle-orm', source };
    return { origin: first.startsWith('@') ? `${first}/${second}` : first, source };
  }
  const [, folder, file] = /(apps\/api\/src|packages\/contracts\/src)\/([^/:]+)/.exec(source) ?? [];
  if (folder && file) {
    const area = file.replace(/\.ts$/, '');
    return { origin: `${folder.startsWith('apps') ? 'api' : 'contracts'}: ${area}`, source };
  }
  return { origin: source.replace(/^.*\//, ''), source };
}

/** Now on the clock V8's profiles use (monotonic, microseconds), the same in every process. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Self time of the samples taken between `from` and `to` (monotonicMicros), by origin and function. */
export function summariseCpuProfile(
  file: string,
  window: { from: number; to: number },
  top = 15,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at >= window.from && at <= window.to) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, { origin: string; us: number }>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busyUs += us;
    const { origin, source } = originOf(frame);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${source.replace(/^.*node_modules\//, '')}`;
    const entry = byFunction.get(name) ?? { origin, us: 0 };
    entry.us += us;
    byFunction.set(name, entry);
  }
  const share = (us: number) => us / busyUs;
  return {
    busyMs: busyUs / 1000,
    byOrigin: [...byOrigin]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([origin, us]) => ({ origin, ms: us / 1000, share: share(us) })),
    byFunction: [...byFunction]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, { origin, us }]) => ({ name, origin, ms: us / 1000, share: share(us) })),
  };
}
