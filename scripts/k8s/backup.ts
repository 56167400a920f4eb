// k8s:backup and k8s:restore: a backup Job made from the chart's backup CronJob, and a restore that
// stops the API, runs pg_restore from the backup volume, migrates and brings the API back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TOptions } from './args.ts';
import { checkPrerequisites, kubectlContext, kubectlItems, log, releaseLabel } from './commands.ts';
import { durationMs, query, Spinner, StepError, seconds, step } from './run.ts';

const POLL_MS = Number(process.env.K8S_POLL_MS ?? 2000);

/**
 * What the restore Job runs in the PostgreSQL image, with BACKUP_DIR, BACKUP_FILE (a bare name or
 * `latest`) and DATABASE_URL set. One transaction: a failed restore leaves the database as it was.
 * The containers suite runs this very script against a real PostgreSQL.
 */
export const RESTORE_SCRIPT = `set -eu
file="$BACKUP_FILE"
if [ "$file" = latest ]; then
  file=$(ls -1 "$BACKUP_DIR"/todo-*.dump 2>/dev/null | sort -r | head -n 1)
  [ -n "$file" ] || { echo "restore: no backup in $BACKUP_DIR"; exit 1; }
else
  file="$BACKUP_DIR/$file"
fi
if [ ! -f "$file" ]; then
  echo "restore: $file does not exist; backups in $BACKUP_DIR:"
  ls -1 "$BACKUP_DIR"
  exit 1
fi
# pg-boss's job tables are partitioned, and pg_restore --clean cannot drop a partition's inherited
# constraints: the reminder queue is dropped whole first and comes back from the backup.
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -c 'DROP SCHEMA IF EXISTS pgboss CASCADE'
echo "restore: pg_restore --clean --if-exists from $file"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$DATABASE_URL" "$file"
echo "restore done: $file"`;

/** The command the migration Job of the chart runs (api.migrationJob.command). */
const MIGRATE_COMMAND = ['node', '/app/migrate.mjs'];

// biome-ignore lint/suspicious/noExplicitAny: kubectl JSON
type TObject = Record<string, any>;

const selector = (opts: TOptions, component: string) =>
  `${releaseLabel(opts)},app.kubernetes.io/component=${component}`;

/** The one object of a kind that carries the release's component label, or a clear error. */
function findOne(opts: TOptions, kind: string, component: string, missing: string): TObject {
  const { items, output } = kubectlItems(opts, kind, selector(opts, component));
  if (!items?.length) {
    throw new StepError(
      `find the ${component} ${kind}`,
      `no ${kind} with component=${component} in release ${opts.release} (namespace ${opts.namespace})`,
      items ? [] : [output.trim()],
      missing,
    );
  }
  return items[0] as TObject;
}

/** A name for a one-off Job: the prefix, shortened so the whole stays a valid 63-character name. */
function jobName(prefix: string, what: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').toLowerCase();
  return `${prefix.slice(0, 63 - what.length - stamp.length - 2)}-${what}-${stamp}`;
}

function jobLogs(opts: TOptions, job: string): string {
  return query('kubectl', [...kubectlContext(opts), 'logs', '-n', opts.namespace, `job/${job}`])
    .output;
}

/** Waits for a Job to complete; on failure the error shows the Job's own log lines. */
async function waitForJob(opts: TOptions, title: string, job: string, hint: string) {
  try {
    await step(
      title,
      'kubectl',
      [
        ...kubectlContext(opts),
        'wait',
        '-n',
        opts.namespace,
        '--for=condition=complete',
        `job/${job}`,
        `--timeout=${opts.timeout}`,
      ],
      { dryRun: opts.dryRun, hint },
    );
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    const lines = jobLogs(opts, job).trim().split('\n').slice(-15);
    throw new StepError(
      error.step,
      `job/${job} did not complete`,
      lines,
      hint,
      `Log of job/${job}`,
    );
  }
}

/** Creates an object from a manifest written to a temporary file (kubectl create -f). */
async function createFromManifest(opts: TOptions, title: string, manifest: TObject) {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-manifest-'));
  try {
    const file = join(dir, `${manifest.metadata.name}.json`);
    writeFileSync(file, JSON.stringify(manifest, null, 2));
    await step(
      title,
      'kubectl',
      [...kubectlContext(opts), 'create', '-n', opts.namespace, '-f', file],
      {
        dryRun: opts.dryRun,
        hint: `\`kubectl get jobs -n ${opts.namespace}\` shows the release's Jobs`,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls until no API pod is left (nothing may write while the data is replaced). */
async function waitForNoApiPods(opts: TOptions): Promise<void> {
  const spinner = new Spinner('wait for the API pods to stop');
  const deadline = Date.now() + durationMs(opts.timeout);
  for (;;) {
    const pods = kubectlItems(opts, 'pods', selector(opts, 'api'));
    const left = pods.items?.length ?? -1; // -1: kubectl failed, ask again
    if (left === 0) return spinner.stop(true);
    if (left > 0) spinner.update(`${left} pod(s) still running`);
    if (Date.now() > deadline) {
      spinner.stop(false);
      throw new StepError(
        'wait for the API pods to stop',
        `API pods still running after ${opts.timeout}`,
        [pods.output.trim()],
        `\`kubectl get pods -n ${opts.namespace}\`; a pod stuck Terminating may need \`kubectl delete pod --force\``,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The release's backup CronJob, after checking kubectl reaches the cluster (`missing` says why not). */
function backupCronJob(opts: TOptions, missing: string): TObject {
  checkPrerequisites({ ...opts, minikube: false });
  return findOne(opts, 'cronjob', 'backup', missing);
}

export async function backup(opts: TOptions): Promise<void> {
  const started = Date.now();
  const cron = backupCronJob(
    opts,
    'backups are off for this release: `npm run k8s:up -- --set backup.enabled=true`',
  );
  const job = jobName(cron.metadata.name, 'manual');
  log(`Backing up the database of release "${opts.release}" (namespace ${opts.namespace})`);
  await step(
    `start job/${job} from cronjob/${cron.metadata.name}`,
    'kubectl',
    [
      ...kubectlContext(opts),
      'create',
      'job',
      '-n',
      opts.namespace,
      `--from=cronjob/${cron.metadata.name}`,
      job,
    ],
    { dryRun: opts.dryRun, hint: 'is the release installed? `npm run k8s:status`' },
  );
  await waitForJob(
    opts,
    'pg_dump into the backup volume',
    job,
    `\`kubectl describe job/${job} -n ${opts.namespace}\`; a pod stuck Pending often waits for the backup PVC`,
  );
  if (opts.dryRun) return;
  const written = jobLogs(opts, job).match(/backup written: (\S+) \((\d+) bytes\)/);
  if (!written) {
    throw new StepError(
      'read the backup log',
      `job/${job} completed without naming its file`,
      [],
      `\`kubectl logs job/${job} -n ${opts.namespace}\``,
    );
  }
  const file = (written[1] as string).split('/').pop() as string;
  log(
    `✔ Backup ${file} (${Number(written[2]).toLocaleString('en')} bytes) in ${seconds(Date.now() - started)}`,
  );
  log(`  Restore it with: npm run k8s:restore -- ${file} --yes`);
}

/** The restore Job: the backup CronJob's pod (image, volume, DATABASE_URL, policy) with the restore script. */
export function restoreJob(cron: TObject, name: string, file: string): TObject {
  const jobSpec = structuredClone(cron.spec.jobTemplate.spec);
  const container = jobSpec.template.spec.containers[0];
  container.name = 'restore';
  container.command = ['sh', '-c'];
  container.args = [RESTORE_SCRIPT];
  container.env = [...(container.env ?? []), { name: 'BACKUP_FILE', value: file }];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: cron.spec.jobTemplate.metadata?.labels ?? {} },
    spec: { ...jobSpec, backoffLimit: 0 },
  };
}

/** The migration Job: the API pod (image, env, policy) running the migration command once. */
export function migrateJob(api: TObject, name: string): TObject {
  const template = structuredClone(api.spec.template);
  const labels = { ...template.metadata.labels, 'app.kubernetes.io/component': 'migrate' };
  const container = template.spec.containers[0];
  for (const key of ['ports', 'startupProbe', 'livenessProbe', 'readinessProbe', 'lifecycle'])
    delete container[key];
  container.name = 'migrate';
  container.command = MIGRATE_COMMAND;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels },
    spec: {
      backoffLimit: 1,
      template: {
        metadata: { labels },
        spec: { ...template.spec, restartPolicy: 'Never', affinity: undefined },
      },
    },
  };
}

export async function restore(opts: TOptions): Promise<void> {
  const started = Date.now();
  const file = opts.backupFile as string;
  const cron = backupCronJob(
    opts,
    'restore reads the backup volume of the backup CronJob: install with backup.enabled=true',
  );
  const api = findOne(opts, 'deployment', 'api', 'is the release installed? `npm run k8s:status`');
  const apiName: string = api.metadata.name;
  const replicas = Number(api.spec.replicas ?? 1) || 1;
  if (!opts.yes && !opts.dryRun) {
    throw new StepError(
      'confirm the restore',
      `restoring ${file} replaces every table of the database of release ${opts.release} (namespace ${opts.namespace}); the API is stopped meanwhile`,
      [],
      `run again with --yes to go ahead (npm run k8s:restore -- ${file} --yes), or take a backup of today's data first: npm run k8s:backup`,
    );
  }
  log(
    `Restoring ${file} into release "${opts.release}" (namespace ${opts.namespace})${opts.dryRun ? ' (dry run)' : ''}`,
  );
  const scale = (count: number) =>
    step(
      `scale deployment/${apiName} to ${count}`,
      'kubectl',
      [
        ...kubectlContext(opts),
        'scale',
        '-n',
        opts.namespace,
        `deployment/${apiName}`,
        `--replicas=${count}`,
      ],
      { dryRun: opts.dryRun, hint: `\`kubectl get deployment ${apiName} -n ${opts.namespace}\`` },
    );
  await scale(0);
  if (!opts.dryRun) await waitForNoApiPods(opts);
  const restoreName = jobName(cron.metadata.name, 'restore');
  try {
    await createFromManifest(opts, `start job/${restoreName}`, restoreJob(cron, restoreName, file));
    await waitForJob(
      opts,
      'pg_restore --clean --if-exists (one transaction)',
      restoreName,
      'the restore ran in one transaction, so the database is unchanged; the API is scaled back',
    );
  } catch (error) {
    if (!opts.dryRun) await scale(replicas).catch(() => undefined);
    throw error;
  }
  const restored = opts.dryRun
    ? undefined
    : jobLogs(opts, restoreName).match(/restore done: (\S+)/)?.[1];
  const migrateName = jobName(apiName, 'migrate');
  await createFromManifest(opts, `start job/${migrateName}`, migrateJob(api, migrateName));
  await waitForJob(
    opts,
    'apply migrations newer than the backup',
    migrateName,
    `\`kubectl logs job/${migrateName} -n ${opts.namespace}\`; then scale back: kubectl scale deployment/${apiName} --replicas=${replicas} -n ${opts.namespace}`,
  );
  await scale(replicas);
  await step(
    `wait until deployment/${apiName} is ready (/ready)`,
    'kubectl',
    [
      ...kubectlContext(opts),
      'rollout',
      'status',
      '-n',
      opts.namespace,
      `deployment/${apiName}`,
      `--timeout=${opts.timeout}`,
    ],
    { dryRun: opts.dryRun, hint: `\`npm run k8s:logs -- --component api\`` },
  );
  if (opts.dryRun) return;
  log(
    `✔ Restored ${(restored ?? file).split('/').pop()} in ${seconds(Date.now() - started)}; ${replicas} API pod(s) ready`,
  );
}
