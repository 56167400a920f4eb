/** 4. Start-up: API process start to /ready 200 with the migrations already applied. */
import { spawnSync } from 'node:child_process';
import type { BenchContext } from '../context.js';
import { percentile } from '../lib.js';
import { ms, record } from '../report.js';
import { medianStart, startApi } from '../servers.js';

function timeNodeNoop(): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

export async function startup(context: BenchContext) {
  const apiStart = await medianStart((i) => startApi(context.databaseUrl, `api-start-${i}`));
  const nodeNoop = timeNodeNoop();
  record({
    section: '4. Start-up',
    name: 'API process start → /ready 200 (median of 5)',
    value: ms(apiStart),
    goal: '≤ 1500 ms',
    ok: apiStart <= 1500,
    ratio: `${(apiStart / nodeNoop).toFixed(1)}× \`node -e 0\` (${ms(nodeNoop)})`,
  });
}
