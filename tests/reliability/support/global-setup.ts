import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { hasPostgresServer } from '../../support/postgres.js';

/** One artifacts folder per run: API logs and response scans, read by the secrets test. */
export default function setup(project: TestProject) {
  if (process.env.CI === 'true' && !hasPostgresServer()) {
    throw new Error('the reliability suite needs PostgreSQL 15 (initdb/pg_ctl) under CI=true');
  }
  const dir = mkdtempSync(join(tmpdir(), 'todo-reliability-'));
  project.provide('artifactsDir', dir);
  console.log(`reliability artifacts: ${dir}`);
}
