// k8s:up refuses a schema downgrade: when the in-cluster database has applied more migrations than
// this checkout ships (so more than the images it builds know), an older API would meet a newer
// schema. The check asks PostgreSQL through `kubectl exec` (read-only, also in --dry-run).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TOptions } from './args.ts';
import { query, StepError } from './run.ts';

export interface TMigrations {
  count: number;
  latest: string;
}

/** The migrations this checkout ships (drizzle's journal, the same list the image carries). */
export function shippedMigrations(repoRoot: string): TMigrations {
  const journal = JSON.parse(
    readFileSync(join(repoRoot, 'apps', 'api', 'drizzle', 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { tag: string }[] };
  return { count: journal.entries.length, latest: journal.entries.at(-1)?.tag ?? 'none' };
}

const COUNT_SQL =
  "SELECT CASE WHEN to_regclass('drizzle.__drizzle_migrations') IS NULL THEN 0 ELSE (SELECT count(*) FROM drizzle.__drizzle_migrations) END";

/** Applied migrations of the release's in-cluster PostgreSQL, or undefined when there is none yet. */
function appliedMigrations(opts: TOptions, context: string[]): number | undefined {
  const pods = query('kubectl', [
    ...context,
    'get',
    'pods',
    '-n',
    opts.namespace,
    '-l',
    `app.kubernetes.io/instance=${opts.release},app.kubernetes.io/component=postgresql`,
    '-o',
    'json',
  ]);
  let pod: string | undefined;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: kubectl JSON
    pod = JSON.parse(pods.output).items?.find((p: any) => p.status?.phase === 'Running')?.metadata
      ?.name;
  } catch {
    return undefined;
  }
  if (pods.code !== 0 || !pod) return undefined;
  const res = query('kubectl', [
    ...context,
    'exec',
    '-n',
    opts.namespace,
    pod,
    '--',
    'sh',
    '-c',
    `psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -Atc "${COUNT_SQL}"`,
  ]);
  const count = Number(res.output.trim().split('\n').pop());
  return res.code === 0 && Number.isInteger(count) ? count : undefined;
}

/** Returns a line for the progress output, or throws when the database is newer than this checkout. */
export function checkSchemaNotNewer(opts: TOptions, context: string[], repoRoot: string): string {
  const shipped = shippedMigrations(repoRoot);
  const applied = appliedMigrations(opts, context);
  if (applied === undefined)
    return 'schema    no in-cluster database yet (or an external one): not compared';
  if (applied > shipped.count) {
    throw new StepError(
      'check the database schema',
      `the database has ${applied} migrations applied, but this checkout ships ${shipped.count} (newest ${shipped.latest}): its images would run against a newer schema than they know`,
      [],
      'deploy the version that made this schema (check out a newer commit), or restore a backup taken before the upgrade: npm run k8s:restore -- <file> --yes',
    );
  }
  return `schema    ${applied} of ${shipped.count} migrations applied (the rest run on upgrade)`;
}
