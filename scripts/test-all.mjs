#!/usr/bin/env node
// Runs every test suite of the project, one after another (the machine has 2 cores and the
// suites start real servers, browsers and containers), then prints one summary line.
// A suite is listed here with its vitest config; a suite whose config does not exist yet is an
// error, so a deleted suite cannot silently pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const suites = [
  { name: 'contracts', config: 'packages/contracts/vitest.config.ts' },
  { name: 'api (PGlite + PostgreSQL)', config: 'apps/api/vitest.config.ts' },
  { name: 'web', config: 'apps/web/vitest.config.ts' },
  { name: 'chart', config: 'tests/chart/vitest.config.ts' },
  { name: 'deploy-cli', config: 'tests/deploy-cli/vitest.config.ts' },
  { name: 'containers', config: 'tests/containers/vitest.config.ts' },
  { name: 'reliability', config: 'tests/reliability/vitest.config.ts' },
].filter(
  (suite) =>
    !process.env.TEST_SUITES ||
    process.env.TEST_SUITES.split(',').some((s) => suite.config.includes(s)),
);

const outDir = join(process.cwd(), 'test-results');
mkdirSync(outDir, { recursive: true });
let passed = 0;
let failed = 0;
const rows = [];
for (const suite of suites) {
  const started = Date.now();
  const report = join(outDir, `${suite.config.replaceAll('/', '_')}.json`);
  console.log(`\n=== suite: ${suite.name} (${suite.config}) ===`);
  const run = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      suite.config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { stdio: 'inherit', env: process.env },
  );
  let counts = { numPassedTests: 0, numFailedTests: 0 };
  try {
    counts = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    counts.numFailedTests = 1; // the suite crashed before writing its report
  }
  const suiteFailed =
    counts.numFailedTests + (run.status === 0 ? 0 : counts.numFailedTests === 0 ? 1 : 0);
  passed += counts.numPassedTests;
  failed += suiteFailed;
  rows.push(
    `${suite.name.padEnd(28)} ${String(counts.numPassedTests).padStart(5)} passed ${String(suiteFailed).padStart(3)} failed  ${((Date.now() - started) / 1000).toFixed(0)}s`,
  );
}
console.log('\n=== summary ===');
for (const row of rows) console.log(row);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
