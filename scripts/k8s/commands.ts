// The commands up, down, status and logs (backup and restore live in backup.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { TOptions } from './args.ts';
import { checkTool, installHint, TOOLS } from './prereqs.ts';
import { formatCommand, query, type Spinner, StepError, seconds, step } from './run.ts';
import { checkSchemaNotNewer } from './schema-check.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chartDir = join('helm', 'todo-chatbot');
export const log = (line = '') => process.stdout.write(`${line}\n`);

/** With Minikube, every kubectl/helm call names its context, so another current context is never touched. */
export const kubectlContext = (opts: TOptions) => (opts.minikube ? ['--context', 'minikube'] : []);

/** The label selector of every object of the release. */
export const releaseLabel = (opts: TOptions) => `app.kubernetes.io/instance=${opts.release}`;
const helmContext = (opts: TOptions) => (opts.minikube ? ['--kube-context', 'minikube'] : []);

/** Minikube sized for the whole release on a laptop: 4 GB of memory, 2 CPUs. */
export const MINIKUBE_START = ['start', '--memory=4096', '--cpus=2'];

export function checkPrerequisites(opts: TOptions): void {
  const names = opts.minikube ? ['docker', 'minikube', 'kubectl', 'helm'] : ['kubectl', 'helm'];
  const problems: string[] = [];
  for (const name of names) {
    const status = checkTool(TOOLS[name] as (typeof TOOLS)[string]);
    if (status.problem) {
      problems.push(`${name}: ${status.problem}`, `  install: ${installHint(status.tool)}`);
      log(`✖ ${name.padEnd(9)} ${status.problem}`);
    } else {
      log(`✔ ${name.padEnd(9)} ${status.version}`);
    }
  }
  if (problems.length > 0) {
    throw new StepError(
      'check prerequisites',
      `${problems.length / 2} tool(s) missing or too old`,
      problems,
      'install the tools above, open a new terminal, and run the command again',
      'What is missing',
    );
  }
}

/** Values files: the user's values-local.yaml when present, then each --values. */
function valuesFiles(opts: TOptions): string[] {
  const files: string[] = [];
  const local = join(repoRoot, 'values-local.yaml');
  if (existsSync(local)) files.push(local);
  for (const f of opts.values) {
    if (!existsSync(f))
      throw new StepError(
        'read values',
        `values file ${f} does not exist`,
        [],
        'check the --values path',
      );
    files.push(f);
  }
  return files;
}

// biome-ignore lint/suspicious/noExplicitAny: values files are free-form YAML
type TValues = Record<string, any>;

/** The web Service settings the user chose (values files, then --set), over the chart defaults. */
export function webService(
  files: string[],
  sets: string[],
): { type: string; port: number; nodePort?: number; publicUrl?: string } {
  const result: { type: string; port: number; nodePort?: number; publicUrl?: string } = {
    type: 'NodePort',
    port: 80,
    nodePort: 30080,
  };
  for (const f of files) {
    const v: TValues = parse(readFileSync(f, 'utf8')) ?? {};
    // web.* is the chart's name; frontend.* (the older one) is merged over it.
    const svc = { ...(v.web?.service ?? {}), ...(v.frontend?.service ?? {}) };
    if (svc.type) result.type = svc.type;
    if (svc.port) result.port = Number(svc.port);
    if ('nodePort' in svc) result.nodePort = svc.nodePort ?? undefined;
    if (v.config?.publicUrl) result.publicUrl = v.config.publicUrl;
  }
  for (const s of sets) {
    for (const pair of s.split(',')) {
      const [k, val] = pair.split('=');
      const key = k?.replace(/^frontend\./, 'web.');
      if (key === 'web.service.type' && val) result.type = val;
      if (key === 'web.service.port' && val) result.port = Number(val);
      if (key === 'web.service.nodePort')
        result.nodePort = val && val !== 'null' ? Number(val) : undefined;
      if (k === 'config.publicUrl' && val) result.publicUrl = val;
    }
  }
  return result;
}

interface TPod {
  name: string;
  component: string;
  phase: string;
  ready: boolean;
  reason?: string;
}

/**
 * The objects of `kind` (pods, cronjob…) matching `labels` as kubectl's JSON items (undefined when
 * kubectl fails or prints no JSON), with what kubectl printed.
 */
export function kubectlItems(
  opts: TOptions,
  kind: string,
  labels: string,
  // biome-ignore lint/suspicious/noExplicitAny: kubectl JSON
): { items?: any[]; output: string } {
  const get = ['get', kind, '-n', opts.namespace, '-l', labels, '-o', 'json'];
  const res = query('kubectl', [...kubectlContext(opts), ...get]);
  if (res.code !== 0) return { output: res.output };
  try {
    return { items: JSON.parse(res.output).items ?? [], output: res.output };
  } catch {
    return { output: res.output }; // not JSON
  }
}

function listPods(opts: TOptions): TPod[] {
  const items = kubectlItems(opts, 'pods', releaseLabel(opts)).items ?? [];
  return items.map((p) => {
    // biome-ignore lint/suspicious/noExplicitAny: kubectl JSON
    const statuses: any[] = p.status?.containerStatuses ?? [];
    const waiting = statuses.find((s) => s.state?.waiting)?.state.waiting.reason;
    return {
      name: p.metadata.name,
      component: p.metadata.labels?.['app.kubernetes.io/component'] ?? '?',
      phase: p.status?.phase ?? 'Unknown',
      ready: statuses.length > 0 && statuses.every((s) => s.ready),
      reason: waiting,
    };
  });
}

/** Pod readiness as it happens, while helm waits. */
function podWatcher(opts: TOptions): (spinner: Spinner) => void {
  const seen = new Map<string, string>();
  return (spinner) => {
    const pods = listPods(opts);
    for (const p of pods) {
      const state = p.ready ? 'ready' : (p.reason ?? p.phase);
      if (seen.get(p.name) !== state) {
        seen.set(p.name, state);
        spinner.note(`${p.ready ? '✔' : '·'} ${p.component.padEnd(10)} ${p.name} ${state}`);
      }
    }
    const ready = pods.filter((p) => p.ready).length;
    spinner.update(`${ready}/${pods.length} pods ready`);
  };
}

function minikubeIp(): string | undefined {
  const res = query('minikube', ['ip']);
  const ip = res.output.trim().split('\n').pop();
  return res.code === 0 && ip && /^[\d.]+$|^[0-9a-f:]+$/i.test(ip) ? ip : undefined;
}

function appUrl(opts: TOptions, svc: ReturnType<typeof webService>): string {
  if (svc.publicUrl) return svc.publicUrl;
  if (svc.type === 'NodePort' && svc.nodePort) {
    const ip = opts.minikube ? minikubeIp() : undefined;
    return `http://${ip ?? 'localhost'}:${svc.nodePort}`;
  }
  return `http://localhost:${svc.port}`;
}

function printStatusTable(opts: TOptions): void {
  const get = ['get', 'pods,svc,hpa', '-n', opts.namespace, '-l', releaseLabel(opts)];
  log(query('kubectl', [...kubectlContext(opts), ...get]).output.trimEnd());
}

export async function up(opts: TOptions): Promise<void> {
  const started = Date.now();
  log(
    `Deploying release "${opts.release}" to namespace "${opts.namespace}"${opts.dryRun ? ' (dry run)' : ''}`,
  );
  checkPrerequisites(opts);

  if (opts.minikube) {
    const status = query('minikube', ['status', '--format', '{{.Host}}/{{.APIServer}}']);
    if (status.code === 0 && /Running\/Running/.test(status.output)) {
      log('✔ minikube  running');
    } else {
      await step('start Minikube (4 GB, 2 CPUs)', 'minikube', MINIKUBE_START, {
        dryRun: opts.dryRun,
        hint: 'is Docker running? Minikube needs 4 GB of free memory; `minikube delete` clears a broken cluster',
      });
    }
  }
  // Before the build: an older checkout must not roll out against a newer schema.
  log(`✔ ${checkSchemaNotNewer(opts, kubectlContext(opts), repoRoot)}`);
  if (opts.build) {
    await step(
      'build images into Minikube',
      process.execPath,
      [join(repoRoot, 'scripts', 'images', 'build.mjs'), '--minikube'],
      {
        dryRun: opts.dryRun,
        hint: 'run `node scripts/images/build.mjs --minikube` alone to see the whole build output; `minikube status` must show Running',
      },
    );
  }

  const files = valuesFiles(opts);
  const svc = webService(files, opts.set);
  const url = appUrl(opts, svc);
  const args = [
    'upgrade',
    '--install',
    opts.release,
    chartDir,
    ...helmContext(opts),
    '--namespace',
    opts.namespace,
    '--create-namespace',
    '--wait',
    '--timeout',
    opts.timeout,
  ];
  for (const f of files) args.push('-f', f);
  // The browser's origin must be trusted by the API (Better Auth, CORS); also allow port-forwarding.
  if (!svc.publicUrl) {
    args.push('--set', `config.publicUrl=${url}`);
    if (svc.nodePort && !url.includes('localhost'))
      args.push('--set', `config.corsOrigins={http://localhost:${svc.nodePort}}`);
  }
  for (const s of opts.set) args.push('--set', s);
  await step('helm upgrade --install (waits for the pods)', 'helm', args, {
    dryRun: opts.dryRun,
    hint: `see \`kubectl get pods -n ${opts.namespace}\` and \`npm run k8s:logs\`; ImagePullBackOff means the images are not in the cluster (run without --no-build, or set global.imagePullPolicy=Never); a pod stuck Pending often waits for a PersistentVolume`,
    onTick: opts.dryRun ? undefined : podWatcher(opts),
    env: { ...process.env, HELM_NAMESPACE: opts.namespace },
  });

  if (opts.dryRun) {
    log(`[dry-run] the app would be at ${url}`);
    return;
  }
  log('');
  printStatusTable(opts);
  log('');
  log(`✔ Todo Chatbot is ready in ${seconds(Date.now() - started)}: ${url}`);
  if (opts.minikube && process.platform !== 'linux') {
    log(
      `  Not reachable? With the Docker driver on ${process.platform} run: minikube service ${opts.release === 'todo-chatbot' ? 'todo-chatbot' : `${opts.release}-todo-chatbot`}-web -n ${opts.namespace} --url`,
    );
  }
}

export async function down(opts: TOptions): Promise<void> {
  checkPrerequisites({ ...opts, minikube: false });
  await step(
    `helm uninstall ${opts.release}`,
    'helm',
    ['uninstall', opts.release, ...helmContext(opts), '--namespace', opts.namespace, '--wait'],
    {
      dryRun: opts.dryRun,
      hint: `\`helm list -n ${opts.namespace}\` shows the releases of the namespace`,
    },
  );
  if (opts.purge) {
    await step(
      'delete the database and backup volumes and the Secret',
      'kubectl',
      [
        ...kubectlContext(opts),
        'delete',
        'pvc,secret',
        '-n',
        opts.namespace,
        '-l',
        releaseLabel(opts),
        '--ignore-not-found',
      ],
      {
        dryRun: opts.dryRun,
        hint: `\`kubectl get pvc -n ${opts.namespace}\` shows what is left`,
      },
    );
    if (opts.namespace !== 'default') {
      await step(
        `delete namespace ${opts.namespace}`,
        'kubectl',
        [
          ...kubectlContext(opts),
          'delete',
          'namespace',
          opts.namespace,
          '--ignore-not-found',
          '--wait',
        ],
        {
          dryRun: opts.dryRun,
          hint: 'a namespace stuck Terminating usually waits for a finalizer: `kubectl get namespace -o yaml`',
        },
      );
    }
  } else if (!opts.dryRun) {
    log(
      'The PostgreSQL volume, its password Secret and the backups are kept for the next install; `npm run k8s:down -- --purge` deletes them.',
    );
  }
}

export async function status(opts: TOptions): Promise<void> {
  checkPrerequisites({ ...opts, minikube: false });
  const helm = query('helm', [
    'status',
    opts.release,
    ...helmContext(opts),
    '--namespace',
    opts.namespace,
  ]);
  if (helm.code !== 0) {
    throw new StepError(
      'helm status',
      `release ${opts.release} not found in namespace ${opts.namespace}`,
      [helm.output.trim()],
      'install it with `npm run k8s:up`',
    );
  }
  const head = helm.output
    .split('\n')
    .filter((l) => /^(NAME|LAST DEPLOYED|NAMESPACE|STATUS|REVISION):/.test(l));
  log(head.join('\n'));
  log('');
  printStatusTable(opts);
  const files = valuesFiles({ ...opts, values: opts.values });
  log('');
  log(`URL: ${appUrl(opts, webService(files, opts.set))}`);
}

export async function logs(opts: TOptions): Promise<void> {
  checkPrerequisites({ ...opts, minikube: false });
  const selector = [releaseLabel(opts)];
  if (opts.component) selector.push(`app.kubernetes.io/component=${opts.component}`);
  const args = [
    ...kubectlContext(opts),
    'logs',
    '-n',
    opts.namespace,
    '-l',
    selector.join(','),
    '--all-containers',
    '--prefix',
    '--tail=200',
    '--max-log-requests=20',
  ];
  if (opts.follow) args.push('--follow');
  if (opts.dryRun) {
    log(`[dry-run] logs: ${formatCommand('kubectl', args)}`);
    return;
  }
  const { spawn } = await import('node:child_process');
  const child = spawn('kubectl', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) {
    throw new StepError(
      'kubectl logs',
      `exited with code ${code}`,
      [],
      'is the release installed? `npm run k8s:status`',
    );
  }
}
