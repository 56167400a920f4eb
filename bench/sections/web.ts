/**
 * The web server: 4. start-up, 3. memory under the board page's load, 7. first-load JS of the
 * board and Lighthouse. Skipped with the reason when there is no standalone web build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chartNodeOptions } from '../chart-settings.js';
import type { BenchContext } from '../context.js';
import { atRate, peakRss, rssMiB, sleep } from '../lib.js';
import { mib, ms, note, record, skipped } from '../report.js';
import { medianStart, root, standaloneServer, startWeb, stopServer } from '../servers.js';

const LIGHTHOUSE = 'Lighthouse performance / accessibility';
const FIRST_LOAD = 'first-load JS of the board page (gzip)';

export function hasWebBuild() {
  return existsSync(standaloneServer);
}

export async function web(context: BenchContext) {
  const { api, lister } = context;
  if (!hasWebBuild()) {
    const why = 'no web build (run `npm run build -w apps/web` or `npm start` once)';
    skipped('4. Start-up', 'web process start → /api/health 200', '≤ 1000 ms', why);
    skipped('3. Memory', 'web RSS idle / under load', '≤ 150 MiB', why);
    skipped('7. Web', FIRST_LOAD, '≤ 150 kB', why);
    skipped('7. Web', LIGHTHOUSE, '≥ 95 / ≥ 95', why);
    return;
  }
  const webStart = await medianStart((i) => startWeb(api.url, `web-start-${i}`));
  record({
    section: '4. Start-up',
    name: 'web process start → /api/health 200 (median of 5)',
    value: ms(webStart),
    goal: '≤ 1000 ms',
    ok: webStart <= 1000,
  });

  // The web server as the chart runs it (its NODE_OPTIONS), for the memory figure.
  const server = await startWeb(api.url, 'web-1', chartNodeOptions(context.chart, 'web'));
  try {
    const board = await fetch(`${server.url}/`, {
      headers: { cookie: lister.cookie },
      redirect: 'manual',
    });
    const html = await board.text();
    await sleep(500);
    const idle = rssMiB(server.pid);
    const { result: load, peak } = await peakRss([server.pid, api.pid], () =>
      atRate(
        { url: `${server.url}/`, headers: { Cookie: lister.cookie } },
        100,
        context.seconds,
        8,
      ),
    );
    const [webPeak = 0, apiPeak = 0] = peak;
    note(
      `API peak RSS while serving the web board load: ${mib(apiPeak)}`,
      `web board page under load: ${load.rps.toFixed(0)} req/s, p99 ${ms(load.p99)}, ${load.errors} errors (status of the board: ${board.status})`,
    );
    record({
      section: '3. Memory',
      name: 'web RSS idle → under load (board page, 100 req/s)',
      value: `${mib(idle)} → ${mib(webPeak)}`,
      goal: '≤ 150 MiB',
      ok: webPeak <= 150,
    });
    await firstLoadJs(server.url, board.status, html);
    await lighthouse(`${server.url}/`, lister.cookie);
  } finally {
    await stopServer(server);
  }
}

/** Every script the board page's HTML loads, gzip-compressed (`noModule` polyfills excluded). */
async function firstLoadJs(webUrl: string, status: number, html: string) {
  const scripts = [...html.matchAll(/<script([^>]+)src="([^"]+\.js)"([^>]*)>/g)]
    .filter((match) => !/nomodule/i.test(`${match[1]}${match[3]}`))
    .flatMap((match) => match[2] ?? []);
  if (status !== 200 || scripts.length === 0) {
    skipped('7. Web', FIRST_LOAD, '≤ 150 kB', `board page answered ${status} without scripts`);
    return;
  }
  let gz = 0;
  for (const src of new Set(scripts)) {
    const response = await fetch(new URL(src, webUrl));
    if (!response.ok) throw new Error(`first-load JS: ${src} answered ${response.status}`);
    gz += gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
  }
  const kb = gz / 1000;
  record({
    section: '7. Web',
    name: `first-load JS of the board page (${new Set(scripts).size} scripts, gzip)`,
    value: `${kb.toFixed(1)} kB`,
    goal: '≤ 150 kB',
    ok: kb <= 150,
  });
}

async function lighthouse(url: string, cookie: string) {
  const bin = join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(bin)) return skipped('7. Web', LIGHTHOUSE, '≥ 95 / ≥ 95', 'no lighthouse');
  if (!existsSync(chrome))
    return skipped('7. Web', LIGHTHOUSE, '≥ 95 / ≥ 95', `no Chromium at ${chrome}`);
  const result = spawnSync(
    process.execPath,
    [
      bin,
      url,
      '--quiet',
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance,accessibility',
      '--form-factor=desktop',
      '--screenEmulation.disabled',
      '--throttling-method=provided',
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, CHROME_PATH: chrome },
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  try {
    const report = JSON.parse(result.stdout) as {
      finalDisplayedUrl: string;
      categories: Record<string, { score: number }>;
      audits: Record<string, { displayValue?: string }>;
    };
    // A category Lighthouse did not score counts as 0: the figure then misses, visibly.
    const performanceScore = Math.round((report.categories.performance?.score ?? 0) * 100);
    const accessibility = Math.round((report.categories.accessibility?.score ?? 0) * 100);
    record({
      section: '7. Web',
      name: `Lighthouse on the board (${report.finalDisplayedUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}, desktop, no throttling)`,
      value: `performance ${performanceScore}, accessibility ${accessibility} (LCP ${report.audits['largest-contentful-paint']?.displayValue}, TBT ${report.audits['total-blocking-time']?.displayValue})`,
      goal: '≥ 95 / ≥ 95',
      ok: performanceScore >= 95 && accessibility >= 95,
    });
  } catch {
    skipped(
      '7. Web',
      LIGHTHOUSE,
      '≥ 95 / ≥ 95',
      `lighthouse failed: ${(result.stderr || String(result.error)).slice(0, 300)}`,
    );
  }
}
