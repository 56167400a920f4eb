// Runs the CLI's steps: a spinner with elapsed time per step, output captured so a failure can
// show its last lines, and --dry-run printing what would change instead of running it.
import { spawn, spawnSync } from 'node:child_process';

export interface TRunResult {
  code: number;
  output: string;
}

export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly detail: string,
    readonly lastLines: string[],
    readonly hint: string,
    readonly linesLabel = 'Last lines of output',
  ) {
    super(`${step}: ${detail}`);
  }
}

const isWindows = process.platform === 'win32';
const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
export const formatCommand = (cmd: string, args: string[]) => [cmd, ...args].map(quote).join(' ');

/** Runs a read-only command synchronously (also in --dry-run): version checks, status queries. */
export function query(cmd: string, args: string[]): TRunResult {
  const res = spawnSync(cmd, args, { encoding: 'utf8', shell: isWindows, timeout: 60_000 });
  if (res.error) return { code: 127, output: String(res.error.message) };
  return { code: res.status ?? 1, output: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

export function lastLines(text: string, n = 15): string[] {
  return text
    .replace(/\r/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-n);
}

/** Milliseconds of a kubectl/helm duration such as 90s, 10m or 1h (a bare number is seconds). */
export function durationMs(text: string): number {
  const m = text.match(/^(\d+)(ms|s|m|h)?$/);
  if (!m) return 10 * 60_000;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

/** One step on screen: animated on a terminal, one line per change otherwise (CI logs). */
export class Spinner {
  private frame = 0;
  private timer?: NodeJS.Timeout;
  private readonly started = Date.now();
  private status = '';
  private readonly tty = Boolean(process.stdout.isTTY) && !process.env.CI;

  constructor(
    private readonly title: string,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    if (this.tty) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    } else {
      this.out.write(`… ${title}\n`);
    }
  }

  update(status: string): void {
    if (status === this.status) return;
    this.status = status;
    if (!this.tty) this.out.write(`  ${status}\n`);
  }

  /** A line that stays on screen (e.g. a pod became ready). */
  note(line: string): void {
    if (this.tty) this.out.write(`\r\x1b[K  ${line}\n`);
    else this.out.write(`  ${line}\n`);
  }

  private draw(): void {
    const f = FRAMES[this.frame++ % FRAMES.length];
    const extra = this.status ? ` — ${this.status}` : '';
    this.out.write(`\r\x1b[K${f} ${this.title} (${seconds(Date.now() - this.started)})${extra}`);
  }

  stop(ok: boolean, suffix = ''): void {
    if (this.timer) clearInterval(this.timer);
    const mark = ok ? '✔' : '✖';
    const line = `${mark} ${this.title} (${seconds(Date.now() - this.started)})${suffix ? ` ${suffix}` : ''}`;
    this.out.write(this.tty ? `\r\x1b[K${line}\n` : `${line}\n`);
  }
}

export interface TStepOptions {
  dryRun: boolean;
  hint: string;
  /** called every 3 s while the command runs (e.g. pod readiness) */
  onTick?: (spinner: Spinner) => void;
  env?: NodeJS.ProcessEnv;
}

/** Runs one mutating command as a step; in --dry-run prints it instead. */
export async function step(
  title: string,
  cmd: string,
  args: string[],
  opts: TStepOptions,
): Promise<string> {
  if (opts.dryRun) {
    process.stdout.write(`[dry-run] ${title}: ${formatCommand(cmd, args)}\n`);
    return '';
  }
  const spinner = new Spinner(title);
  let output = '';
  const child = spawn(cmd, args, {
    shell: isWindows,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const tick = opts.onTick ? setInterval(() => opts.onTick?.(spinner), 3000) : undefined;
  const code: number = await new Promise((resolve) => {
    child.on('error', (err) => {
      output += `\n${err.message}`;
      resolve(127);
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (tick) clearInterval(tick);
  spinner.stop(code === 0);
  if (code !== 0) {
    throw new StepError(
      title,
      `${formatCommand(cmd, args)} exited with code ${code}`,
      lastLines(output),
      opts.hint,
    );
  }
  return output;
}
