/**
 * The web server: 4. start-up, 3. memory under the board page's load, 7. first-load JS of each
 * view and Lighthouse on the board, Kanban and calendar. Skipped with the reason when there is no standalone web build.
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

const FIRST_LOAD_GOAL = '≤ 170 kB';
const LIGHTHOUSE_DESKTOP_GOAL = 'performance ≥ 95, accessibility 100, best practices ≥ 95';
const LIGHTHOUSE_MOBILE_GOAL = 'performance ≥ 90, accessibility 100';

export function hasWebBuild() {
  return existsSync(standaloneServer);
}

export async function web(context: BenchContext) {
  const { api, lister } = context;
  if (!hasWebBuild()) {
    const why = 'no web build (run `npm run build -w apps/web` or `npm start` once)';
    skipped('4. Start-up', 'web process start → /api/health 200', '≤ 1000 ms', why);
    skipped('3. Memory', 'web RSS idle / under load', '≤ 150 MiB', why);
    skipped('7. Web', 'first-load JS of each view', FIRST_LOAD_GOAL, why);
    skipped('7. Web', 'Lighthouse on the board, Kanban and calendar', LIGHTHOUSE_DESKTOP_GOAL, why);
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
    await board.text(); // drained: the figure below is the server's memory once it has served it
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
    await firstLoadJs(server.url, lister.cookie);
    await lighthouse(server.url, lister.cookie);
  } finally {
    await stopServer(server);
  }
}

/** The views a signed-in user lives in, each with its own first load. */
const VIEWS = [
  { name: 'board', path: '/' },
  { name: 'Kanban', path: '/kanban' },
  { name: 'calendar', path: '/calendar' },
  { name: 'stats', path: '/stats' },
];
/** Lighthouse runs on the views the quality bar names. */
const LIGHTHOUSE_VIEWS = VIEWS.slice(0, 3);

/**
 * Every script a view's HTML loads, gzip-compressed: its script tags (`noModule` polyfills
 * excluded) and the chunks its flight data names, which the page fetches before it hydrates.
 */
async function firstLoadJs(webUrl: string, cookie: string) {
  for (const view of VIEWS) {
    const name = `first-load JS of the ${view.name} view (${view.path}, gzip)`;
    const page = await fetch(new URL(view.path, webUrl), {
      headers: { cookie },
      redirect: 'manual',
    });
    const html = await page.text();
    const scripts = pageScripts(html);
    if (page.status !== 200 || scripts.size === 0) {
      skipped('7. Web', name, FIRST_LOAD_GOAL, `answered ${page.status} without scripts`);
      continue;
    }
    let gz = 0;
    for (const src of scripts) {
      const response = await fetch(new URL(src, webUrl));
      if (!response.ok) throw new Error(`first-load JS: ${src} answered ${response.status}`);
      gz += gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
    }
    const kb = gz / 1000;
    record({
      section: '7. Web',
      name,
      value: `${kb.toFixed(1)} kB (${scripts.size} scripts)`,
      goal: FIRST_LOAD_GOAL,
      ok: kb <= 170,
    });
  }
}

/** The scripts a page's HTML loads: script tags and chunk names in the flight data. */
function pageScripts(html: string): Set<string> {
  const tags = [...html.matchAll(/<script([^>]+)src="([^"]+\.js)"([^>]*)>/g)];
  const noModule = new Set(
    tags.filter((match) => /nomodule/i.test(`${match[1]}${match[3]}`)).map((match) => match[2]),
  );
  const named = [...html.matchAll(/static\/chunks\/[\w.~-]+(?:\/[\w.~-]+)*\.js/g)].map(
    (match) => `/_next/${match[0]}`,
  );
  return new Set(
    [...tags.map((match) => match[2] ?? ''), ...named].filter((src) => src && !noModule.has(src)),
  );
}

type LighthouseReport = {
  finalDisplayedUrl: string;
  categories: Record<string, { score: number }>;
  audits: Record<string, { displayValue?: string }>;
};

/** Desktop without throttling, and Lighthouse's default mobile emulation (simulated slow 4G). */
const FORM_FACTORS = {
  desktop: ['--form-factor=desktop', '--screenEmulation.disabled', '--throttling-method=provided'],
  mobile: ['--form-factor=mobile'],
};

async function lighthouse(webUrl: string, cookie: string) {
  const bin = join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  for (const view of LIGHTHOUSE_VIEWS) {
    for (const [formFactor, flags] of Object.entries(FORM_FACTORS)) {
      const name = `Lighthouse on the ${view.name} view (${view.path}, ${formFactor})`;
      const goal = formFactor === 'desktop' ? LIGHTHOUSE_DESKTOP_GOAL : LIGHTHOUSE_MOBILE_GOAL;
      if (!existsSync(bin)) {
        skipped('7. Web', name, goal, 'no lighthouse');
        continue;
      }
      if (!existsSync(chrome)) {
        skipped('7. Web', name, goal, `no Chromium at ${chrome}`);
        continue;
      }
      // Mobile emulation simulates a 4× slower CPU from the trace of this one: other work on
      // the cores moves a single run by several points, so it is run three times and the run
      // with the median performance score is reported (Lighthouse's own advice for variance).
      const runs = formFactor === 'mobile' ? 3 : 1;
      const reports: LighthouseReport[] = [];
      let failure = '';
      for (let run = 0; run < runs; run++) {
        const result = runLighthouse(bin, chrome, new URL(view.path, webUrl).href, flags, cookie);
        if ('failure' in result) failure = result.failure;
        else reports.push(result.report);
      }
      const report = medianByPerformance(reports);
      if (!report) {
        skipped('7. Web', name, goal, `lighthouse failed: ${failure}`);
        continue;
      }
      // A category Lighthouse did not score counts as 0: the figure then misses, visibly.
      const score = (category: string) =>
        Math.round((report.categories[category]?.score ?? 0) * 100);
      const [performanceScore, accessibility, bestPractices] = [
        score('performance'),
        score('accessibility'),
        score('best-practices'),
      ];
      const landed = report.finalDisplayedUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
      record({
        section: '7. Web',
        name,
        value: `performance ${performanceScore}${runs > 1 ? ` (median of ${reports.length} runs: ${reports.map((one) => Math.round((one.categories.performance?.score ?? 0) * 100)).join(', ')})` : ''}, accessibility ${accessibility}, best practices ${bestPractices} (LCP ${report.audits['largest-contentful-paint']?.displayValue}, TBT ${report.audits['total-blocking-time']?.displayValue}${landed === view.path ? '' : `; landed on ${landed}`})`,
        goal,
        ok:
          landed === view.path &&
          accessibility === 100 &&
          (formFactor === 'desktop'
            ? performanceScore >= 95 && bestPractices >= 95
            : performanceScore >= 90),
      });
    }
  }
}

function runLighthouse(
  bin: string,
  chrome: string,
  url: string,
  flags: string[],
  cookie: string,
): { report: LighthouseReport } | { failure: string } {
  const result = spawnSync(
    process.execPath,
    [
      bin,
      url,
      '--quiet',
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance,accessibility,best-practices',
      ...flags,
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
    return { report: JSON.parse(result.stdout) as LighthouseReport };
  } catch {
    return { failure: (result.stderr || String(result.error)).slice(0, 300) };
  }
}

/** The report whose performance score is the median of the runs (the lower middle of an even count). */
function medianByPerformance(reports: LighthouseReport[]): LighthouseReport | undefined {
  const sorted = [...reports].sort(
    (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
  );
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
