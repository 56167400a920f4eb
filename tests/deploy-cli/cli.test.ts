// The deploy CLI against stand-in executables: its steps through --dry-run, and its error reports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, assert, beforeEach, describe, expect, test } from 'vitest';
import { parseArgs } from '../../scripts/k8s/args.ts';
import { webService } from '../../scripts/k8s/commands.ts';
import { parseVersion, versionAtLeast } from '../../scripts/k8s/prereqs.ts';
import { makeFakeTools, repoRoot, runCli, type TFakeEnv } from './fake-tools.ts';

let fake: TFakeEnv;
beforeEach(() => {
  fake = makeFakeTools();
});
afterEach(() => fake.cleanup());

const mutating = (calls: string[]) =>
  calls.filter(
    (c) =>
      !/^(\S+ (--version|version)|minikube (status|ip)|kubectl (--context minikube )?(get|exec -n \S+ \S+ -- sh -c psql))/.test(
        c,
      ),
  );

describe('k8s:up --dry-run', () => {
  test('checks the four tools, builds into Minikube and installs with --wait, changing nothing', () => {
    const r = runCli(fake, ['up', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const tool of ['docker', 'minikube', 'kubectl', 'helm'])
      expect(r.stdout).toMatch(new RegExp(`✔ ${tool}\\s+\\d`));
    expect(r.stdout).toContain('✔ minikube  running');
    expect(r.stdout).toMatch(
      /\[dry-run\] build images into Minikube: \S*node \S*scripts\/images\/build\.mjs --minikube/,
    );
    expect(r.stdout).toContain(
      '[dry-run] helm upgrade --install (waits for the pods): helm upgrade --install todo-chatbot helm/todo-chatbot --kube-context minikube --namespace todo-chatbot --create-namespace --wait --timeout 10m --set config.publicUrl=http://192.168.49.2:30080',
    );
    expect(r.stdout).toContain('the app would be at http://192.168.49.2:30080');
    expect(mutating(r.calls)).toEqual([]);
  });

  test('starts a stopped Minikube with 4 GB and 2 CPUs', () => {
    const r = runCli(fake, ['up', '--dry-run'], { FAKE_MINIKUBE_STOPPED: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '[dry-run] start Minikube (4 GB, 2 CPUs): minikube start --memory=4096 --cpus=2',
    );
  });

  test('passes --namespace, --release, --values and --set through, and takes the nodePort from them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-values-'));
    const values = join(dir, 'my-values.yaml');
    writeFileSync(values, 'frontend:\n  service:\n    nodePort: 30000\n');
    const r = runCli(fake, [
      'up',
      '--dry-run',
      '--namespace',
      'todo-app',
      '--release',
      'demo',
      '--values',
      values,
      '--set',
      'backend.replicaCount=2',
      '--timeout=5m',
    ]);
    expect(r.code).toBe(0);
    const helmLine = r.stdout.split('\n').find((l) => l.includes('helm upgrade'));
    expect(helmLine).toContain(
      'upgrade --install demo helm/todo-chatbot --kube-context minikube --namespace todo-app --create-namespace --wait --timeout 5m',
    );
    expect(helmLine).toContain(`-f ${values}`);
    expect(helmLine).toContain('--set config.publicUrl=http://192.168.49.2:30000');
    expect(helmLine).toContain("--set 'config.corsOrigins={http://localhost:30000}'");
    expect(helmLine).toMatch(/--set backend\.replicaCount=2$/);
  });

  test('--no-minikube uses the current context: no docker, no minikube, no build', () => {
    const r = runCli(fake, ['up', '--dry-run', '--no-minikube']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('--kube-context');
    expect(r.calls.some((c) => c.startsWith('minikube') || c.startsWith('docker'))).toBe(false);
    expect(r.stdout).not.toContain('build images');
    expect(r.stdout).toContain('config.publicUrl=http://localhost:30080');
  });

  test('--no-build skips the image build only', () => {
    const r = runCli(fake, ['up', '--dry-run', '--no-build']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('build images');
    expect(r.calls).toContain('minikube status --format {{.Host}}/{{.APIServer}}');
  });

  test('a config.publicUrl of the user is kept', () => {
    const r = runCli(fake, [
      'up',
      '--dry-run',
      '--set',
      'config.publicUrl=https://todo.example.com',
    ]);
    expect(r.stdout).not.toContain('config.publicUrl=http://192.168.49.2');
    expect(r.stdout).toContain('the app would be at https://todo.example.com');
  });
});

describe('error reporting', () => {
  test('a missing tool stops before anything runs and names its install hint', () => {
    fake.cleanup();
    fake = makeFakeTools(['docker', 'minikube', 'kubectl']);
    const r = runCli(fake, ['up', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ helm\s+not found on PATH/);
    expect(r.stderr).toContain('✖ Failed: check prerequisites');
    expect(r.stderr).toContain('helm: not found on PATH');
    expect(r.stderr).toMatch(
      /install: (brew install helm|winget install Helm\.Helm|see https:\/\/helm\.sh\/docs\/intro\/install\/)/,
    );
    expect(r.stderr).toContain('Hint:');
    expect(r.calls.some((c) => c.startsWith('minikube status'))).toBe(false);
  });

  test('a tool that is too old is reported with its version', () => {
    const r = runCli(fake, ['up', '--dry-run'], {
      FAKE_KUBECTL_VERSION: 'Client Version: v1.18.2',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kubectl: version 1.18.2 is older than 1.20.0');
  });

  test('a failing helm shows the step, the last lines of its output and a hint', () => {
    const r = runCli(fake, ['up', '--no-build'], {
      FAKE_HELM_EXIT: '1',
      FAKE_HELM_OUTPUT:
        'Release "todo-chatbot" does not exist. Installing it now.\nError: context deadline exceeded',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ helm upgrade --install \(waits for the pods\) \(\d/);
    expect(r.stderr).toContain('✖ Failed: helm upgrade --install (waits for the pods)');
    expect(r.stderr).toMatch(/helm upgrade --install todo-chatbot .* exited with code 1/);
    expect(r.stderr).toContain('│ Error: context deadline exceeded');
    expect(r.stderr).toContain('Hint: see `kubectl get pods -n todo-chatbot`');
    expect(r.stdout).not.toContain('is ready');
  });

  test('a failing Minikube start is reported as that step', () => {
    const r = runCli(fake, ['up', '--no-build'], {
      FAKE_MINIKUBE_STOPPED: '1',
      FAKE_MINIKUBE_EXIT: '80',
      FAKE_MINIKUBE_OUTPUT: 'X Exiting due to DRV_DOCKER_NOT_RUNNING',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ Failed: start Minikube (4 GB, 2 CPUs)');
    expect(r.stderr).toContain('│ X Exiting due to DRV_DOCKER_NOT_RUNNING');
    expect(r.stderr).toContain('is Docker running?');
    expect(r.calls.some((c) => c.startsWith('helm upgrade'))).toBe(false);
  });

  test('a missing values file is reported before helm runs', () => {
    const r = runCli(fake, ['up', '--dry-run', '--values', '/nonexistent/values.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('values file /nonexistent/values.yaml does not exist');
  });

  test('unknown flags and commands print the usage with exit code 2', () => {
    expect(runCli(fake, ['up', '--frobnicate']).code).toBe(2);
    const r = runCli(fake, ['deploy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "deploy"');
    expect(r.stderr).toContain('Usage: npm run k8s:');
  });
});

describe('a successful up, down, status and logs', () => {
  test('up runs helm for real and ends with the status table and the URL', () => {
    const r = runCli(fake, ['up', '--no-build']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.calls.filter((c) => c.startsWith('helm upgrade'))).toHaveLength(1);
    expect(r.stdout).toContain('pod/todo-chatbot-api-1   1/1     Running');
    expect(r.stdout).toMatch(/✔ Todo Chatbot is ready in [\d.]+s: http:\/\/192\.168\.49\.2:30080/);
  });

  test('up shows pod readiness while helm waits', () => {
    const r = runCli(fake, ['up', '--no-build'], { FAKE_HELM_DELAY_MS: '3500' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ api        todo-chatbot-api-1 ready');
    expect(r.stdout).toContain('1/1 pods ready');
  });

  test('down --purge --dry-run uninstalls, then deletes the volume, Secret and namespace', () => {
    const r = runCli(fake, ['down', '--purge', '--dry-run', '--namespace', 'todo-app']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'helm uninstall todo-chatbot --kube-context minikube --namespace todo-app --wait',
    );
    expect(r.stdout).toContain(
      'kubectl --context minikube delete pvc,secret -n todo-app -l app.kubernetes.io/instance=todo-chatbot --ignore-not-found',
    );
    expect(r.stdout).toContain(
      'kubectl --context minikube delete namespace todo-app --ignore-not-found --wait',
    );
    expect(mutating(r.calls)).toEqual([]);
  });

  test('down without --purge keeps the volume', () => {
    const r = runCli(fake, ['down']);
    expect(r.code).toBe(0);
    expect(r.calls).toContain(
      'helm uninstall todo-chatbot --kube-context minikube --namespace todo-chatbot --wait',
    );
    expect(r.calls.some((c) => c.startsWith('kubectl delete'))).toBe(false);
    expect(r.stdout).toContain('--purge');
  });

  test('status prints the release, the pods and the URL; a missing release is an error', () => {
    const r = runCli(fake, ['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('STATUS: deployed');
    expect(r.stdout).toContain('pod/todo-chatbot-api-1');
    expect(r.stdout).toContain('URL: http://192.168.49.2:30080');
    const missing = runCli(fake, ['status'], { FAKE_HELM_STATUS_EXIT: '1' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('release todo-chatbot not found in namespace todo-chatbot');
  });

  test('logs selects the release and a component', () => {
    const r = runCli(fake, ['logs', '--component', 'api', '--follow', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'kubectl --context minikube logs -n todo-chatbot -l app.kubernetes.io/instance=todo-chatbot,app.kubernetes.io/component=api --all-containers --prefix --tail=200 --max-log-requests=20 --follow',
    );
    const real = runCli(fake, ['logs']);
    expect(real.code).toBe(0);
    expect(
      real.calls.some((c) => c.startsWith('kubectl --context minikube logs -n todo-chatbot')),
    ).toBe(true);
  });
});

describe('units', () => {
  test('versions are parsed from each tool and compared', () => {
    expect(parseVersion('Docker version 27.1.1, build 6312585')).toBe('27.1.1');
    expect(parseVersion('v3.16.2+g13654a5')).toBe('3.16.2');
    expect(parseVersion('Client Version: v1.31.0')).toBe('1.31.0');
    expect(versionAtLeast('1.20.0', '1.20.0')).toBe(true);
    expect(versionAtLeast('3.7.9', '3.8.0')).toBe(false);
    expect(versionAtLeast('10.0', '9.9.9')).toBe(true);
  });

  test('flags parse; bad names are refused', () => {
    expect(
      parseArgs(['up', '-n', 'x', '--set', 'a=1', '--set=b=2', '-f', 'v.yaml', '--no-minikube']),
    ).toMatchObject({
      command: 'up',
      namespace: 'x',
      set: ['a=1', 'b=2'],
      values: ['v.yaml'],
      minikube: false,
      build: false,
    });
    expect(() => parseArgs(['up', '--namespace', 'Bad_Name'])).toThrow(
      /not a valid Kubernetes namespace/,
    );
    expect(() => parseArgs(['up', '--set'])).toThrow(/--set needs a value/);
  });

  test('--component takes the one name of each component; the older frontend/backend still work', () => {
    expect(parseArgs(['logs', '--component', 'backend']).component).toBe('api');
    expect(parseArgs(['logs', '--component', 'frontend']).component).toBe('web');
    expect(parseArgs(['logs', '--component=backup']).component).toBe('backup');
    expect(() => parseArgs(['logs', '--component', 'database'])).toThrow(
      /--component takes api, web, postgresql, migrate, backup/,
    );
    expect(() => parseArgs(['up', 'extra'])).toThrow(/unexpected argument "extra"/);
    // A value that starts with a dash (images:build --tag-suffix -debian) is still a value.
    expect(parseArgs(['up', '--set', '-odd=1', '--dry-run']).set).toEqual(['-odd=1']);
    expect(() => parseArgs(['up', '--set', '--dry-run'])).toThrow(/--set needs a value/);
  });

  test('images:build parses its flags with the same parser (node:util parseArgs)', () => {
    const build = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'images', 'build.mjs'), '--only'],
      { encoding: 'utf8' },
    );
    expect(build.status).toBe(2);
    expect(build.stderr).toContain('images:build: --only needs a value');
    const unknown = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'images', 'build.mjs'), '--frobnicate'],
      { encoding: 'utf8' },
    );
    expect(unknown.stderr).toContain('images:build: unknown flag "--frobnicate"');
    expect(runCli(fake, ['up', '--frobnicate']).stderr).toContain('unknown flag "--frobnicate"');
  });

  test('the web Service comes from values files, then --set, under either name', () => {
    expect(webService([], ['web.service.nodePort=30000'])).toMatchObject({ nodePort: 30000 });
    expect(webService([], ['frontend.service.port=3000'])).toMatchObject({ port: 3000 });
  });

  test('the frontend Service comes from values files, then --set', () => {
    expect(webService([], [])).toEqual({ type: 'NodePort', port: 80, nodePort: 30080 });
    expect(
      webService([], ['frontend.service.type=LoadBalancer,frontend.service.nodePort=null']),
    ).toMatchObject({
      type: 'LoadBalancer',
      nodePort: undefined,
    });
  });
});

describe('k8s:backup', () => {
  test('starts a Job from the backup CronJob, waits for it and prints the file', () => {
    const r = runCli(fake, ['backup', '--namespace', 'todo-app']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const create = r.calls.find((c) => c.includes('create job'));
    assert.exists(create);
    expect(create).toMatch(
      /^kubectl --context minikube create job -n todo-app --from=cronjob\/todo-chatbot-backup todo-chatbot-backup-manual-\d{8}t\d{6}$/,
    );
    const job = create.split(' ').pop();
    expect(r.calls).toContain(
      `kubectl --context minikube wait -n todo-app --for=condition=complete job/${job} --timeout=10m`,
    );
    expect(r.stdout).toMatch(/✔ pg_dump into the backup volume \(/);
    expect(r.stdout).toContain('✔ Backup todo-20261201T120000Z.dump (48,213 bytes)');
    expect(r.stdout).toContain('npm run k8s:restore -- todo-20261201T120000Z.dump --yes');
  });

  test('a failed backup shows the Job log; a release without backups says how to turn them on', () => {
    const failed = runCli(fake, ['backup'], { FAKE_FAIL_JOB: 'manual' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('✖ Failed: pg_dump into the backup volume');
    expect(failed.stderr).toMatch(/Log of job\/todo-chatbot-backup-manual-/);
    expect(failed.stderr).toContain('│ backup: pg_dump --format=custom into');
    const off = runCli(fake, ['backup'], { FAKE_NO_CRONJOB: '1' });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('no cronjob with component=backup in release todo-chatbot');
    expect(off.stderr).toContain('--set backup.enabled=true');
    // The calls log is shared by both runs: only the failed run created a Job.
    expect(off.calls.filter((c) => c.includes('create job'))).toHaveLength(1);
  });
});

describe('k8s:restore', () => {
  const mutatingKubectl = (calls: string[]) =>
    calls.filter((c) => /^kubectl (--context minikube )?(scale|create|wait|rollout)/.test(c));

  test('refuses without --yes, before anything changes, and says what it would overwrite', () => {
    const r = runCli(fake, ['restore', 'latest']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ Failed: confirm the restore');
    expect(r.stderr).toContain(
      'restoring latest replaces every table of the database of release todo-chatbot (namespace todo-chatbot)',
    );
    expect(r.stderr).toContain('--yes');
    expect(mutatingKubectl(r.calls)).toEqual([]);
  });

  test('stops the API, restores in one transaction, migrates, scales back and waits for /ready', () => {
    const r = runCli(fake, ['restore', 'todo-20261201T120000Z.dump', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const steps = mutatingKubectl(r.calls).map((c) =>
      c.replace('kubectl --context minikube ', '').replace(/-\d{8}t\d{6}/g, '-<stamp>'),
    );
    expect(steps).toEqual([
      'scale -n todo-chatbot deployment/todo-chatbot-api --replicas=0',
      expect.stringMatching(
        /^create -n todo-chatbot -f \S+todo-chatbot-backup-restore-<stamp>\.json$/,
      ),
      'wait -n todo-chatbot --for=condition=complete job/todo-chatbot-backup-restore-<stamp> --timeout=10m',
      expect.stringMatching(
        /^create -n todo-chatbot -f \S+todo-chatbot-api-migrate-<stamp>\.json$/,
      ),
      'wait -n todo-chatbot --for=condition=complete job/todo-chatbot-api-migrate-<stamp> --timeout=10m',
      'scale -n todo-chatbot deployment/todo-chatbot-api --replicas=2',
      'rollout status -n todo-chatbot deployment/todo-chatbot-api --timeout=10m',
    ]);
    const [restoreJob, migrateJob] = r.manifests;
    const restorer = restoreJob.spec.template.spec.containers[0];
    expect(restoreJob.metadata.labels['app.kubernetes.io/component']).toBe('backup');
    expect(restorer.image).toBe('postgres:17.6');
    expect(restorer.args[0]).toContain(
      'pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$DATABASE_URL" "$file"',
    );
    expect(restorer.env).toContainEqual({
      name: 'BACKUP_FILE',
      value: 'todo-20261201T120000Z.dump',
    });
    expect(restorer.env).toContainEqual({
      name: 'DATABASE_URL',
      value: 'postgresql://todo@db/todo',
    });
    const migrator = migrateJob.spec.template.spec.containers[0];
    expect(migrateJob.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('migrate');
    expect(migrator).toMatchObject({
      image: 'todo-backend:0.1.0',
      command: ['node', '/app/migrate.mjs'],
    });
    expect(migrator.readinessProbe).toBeUndefined();
    expect(migrator.envFrom).toEqual([{ configMapRef: { name: 'todo-chatbot-api' } }]);
    expect(r.stdout).toContain('✔ wait for the API pods to stop');
    expect(r.stdout).toMatch(
      /✔ Restored todo-20261201T120000Z\.dump in [\d.]+s; 2 API pod\(s\) ready/,
    );
  });

  test('a failed restore scales the API back and says the database is unchanged', () => {
    const r = runCli(fake, ['restore', 'latest', '--yes'], { FAKE_FAIL_JOB: 'restore' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ Failed: pg_restore --clean --if-exists (one transaction)');
    expect(r.stderr).toContain('the database is unchanged');
    expect(r.calls.filter((c) => c.includes(' scale '))).toEqual([
      'kubectl --context minikube scale -n todo-chatbot deployment/todo-chatbot-api --replicas=0',
      'kubectl --context minikube scale -n todo-chatbot deployment/todo-chatbot-api --replicas=2',
    ]);
    expect(r.calls.some((c) => c.includes('migrate'))).toBe(false);
  });

  test('needs a bare backup file name or latest', () => {
    expect(runCli(fake, ['restore']).stderr).toContain('restore needs a backup');
    const traversal = runCli(fake, ['restore', '../etc/passwd', '--yes']);
    expect(traversal.code).toBe(2);
    expect(traversal.stderr).toContain('is not a backup file name');
  });

  test('--dry-run prints the steps and changes nothing', () => {
    const r = runCli(fake, ['restore', 'latest', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '[dry-run] scale deployment/todo-chatbot-api to 0: kubectl --context minikube scale -n todo-chatbot deployment/todo-chatbot-api --replicas=0',
    );
    expect(r.stdout).toMatch(
      /\[dry-run\] start job\/todo-chatbot-backup-restore-\d{8}t\d{6}: kubectl/,
    );
    expect(mutatingKubectl(r.calls)).toEqual([]);
  });
});

describe('k8s:up refuses a schema downgrade', () => {
  const shipped = JSON.parse(
    readFileSync(join(repoRoot, 'apps', 'api', 'drizzle', 'meta', '_journal.json'), 'utf8'),
  ).entries.length as number;

  test('a database with more migrations than this checkout ships stops before the build and helm', () => {
    const r = runCli(fake, ['up'], { FAKE_DB_MIGRATIONS: String(shipped + 1) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ Failed: check the database schema');
    expect(r.stderr).toContain(
      `the database has ${shipped + 1} migrations applied, but this checkout ships ${shipped}`,
    );
    expect(r.stderr).toContain('npm run k8s:restore');
    expect(r.calls.some((c) => c.includes('build.mjs') || c.startsWith('helm upgrade'))).toBe(
      false,
    );
    expect(r.calls).toContainEqual(
      expect.stringMatching(
        /^kubectl --context minikube exec -n todo-chatbot todo-chatbot-postgresql-0 -- sh -c psql/,
      ),
    );
  });

  test('the same or an older schema goes ahead (the upgrade migrates it)', () => {
    const same = runCli(fake, ['up', '--dry-run'], { FAKE_DB_MIGRATIONS: String(shipped) });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(`✔ schema    ${shipped} of ${shipped} migrations applied`);
    const older = runCli(fake, ['up', '--dry-run'], { FAKE_DB_MIGRATIONS: '1' });
    expect(older.code).toBe(0);
    const fresh = runCli(fake, ['up', '--dry-run']);
    expect(fresh.stdout).toContain('no in-cluster database yet');
  });
});
