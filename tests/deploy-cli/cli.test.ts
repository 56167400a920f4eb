// The deploy CLI against stand-in executables: its steps through --dry-run, and its error reports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseArgs } from '../../scripts/k8s/args.ts';
import { frontendService } from '../../scripts/k8s/commands.ts';
import { parseVersion, versionAtLeast } from '../../scripts/k8s/prereqs.ts';
import { makeFakeTools, runCli, type TFakeEnv } from './fake-tools.ts';

let fake: TFakeEnv;
beforeEach(() => {
  fake = makeFakeTools();
});
afterEach(() => fake.cleanup());

const mutating = (calls: string[]) =>
  calls.filter(
    (c) =>
      !/^(\S+ (--version|version)|minikube (status|ip)|kubectl (--context minikube )?get)/.test(c),
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
    const helmLine = r.stdout.split('\n').find((l) => l.includes('helm upgrade'))!;
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
    expect(r.stdout).toContain('pod/todo-chatbot-backend-1   1/1     Running');
    expect(r.stdout).toMatch(/✔ Todo Chatbot is ready in [\d.]+s: http:\/\/192\.168\.49\.2:30080/);
  });

  test('up shows pod readiness while helm waits', () => {
    const r = runCli(fake, ['up', '--no-build'], { FAKE_HELM_DELAY_MS: '3500' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ api        todo-chatbot-backend-1 ready');
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
    expect(r.stdout).toContain('pod/todo-chatbot-backend-1');
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

  test('the frontend Service comes from values files, then --set', () => {
    expect(frontendService([], [])).toEqual({ type: 'NodePort', port: 80, nodePort: 30080 });
    expect(
      frontendService([], ['frontend.service.type=LoadBalancer,frontend.service.nodePort=null']),
    ).toMatchObject({
      type: 'LoadBalancer',
      nodePort: undefined,
    });
  });
});
