// biome-ignore-all lint/suspicious/noExplicitAny: Kubernetes objects and JSON schemas are free-form JSON.
/**
 * Renders the Helm chart with the real helm binary and returns the parsed Kubernetes objects.
 *
 * For other suites (e.g. the containers suite, which starts the images with exactly the env the
 * chart renders):
 *
 *   import { renderChart, containerEnv } from '../chart/render.ts';
 *   const objects = renderChart({ global: { environment: 'test' }, postgresql: { enabled: false },
 *     secrets: { databaseUrl: 'postgresql://...' } });
 *   const apiEnv = containerEnv(objects, 'api');   // { PORT: '8000', DATABASE_URL: ..., ... }
 *   const webEnv = containerEnv(objects, 'web');
 *
 * `renderChart(values, options)` writes `values` (a nested values object, merged over the chart's
 * values.yaml) to a temp file and runs `helm template`; it throws with helm's stderr when helm
 * fails. `helmTemplate` returns { ok, stdout, stderr } instead of throwing. `containerEnv`
 * resolves envFrom (ConfigMap, Secret) and env (value, secretKeyRef, $(VAR) expansion) of the
 * first container of a component's Deployment, the way the kubelet does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { helmBin } from '../../scripts/helm-bin.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const chartDir = join(repoRoot, 'helm', 'todo-chatbot');

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: any;
  spec?: any;
  data?: any;
  [key: string]: any;
};

export interface RenderOptions {
  release?: string;
  namespace?: string;
  /** e.g. '1.20.0'; default: helm's own current version */
  kubeVersion?: string;
  /** extra `--set` expressions */
  set?: string[];
  /** extra values files (paths) applied before `values` */
  valuesFiles?: string[];
  /** API versions the cluster serves besides helm's built-in list (`--api-versions`, e.g. a CRD's) */
  apiVersions?: string[];
}

export interface HelmResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export function runHelm(args: string[]): HelmResult {
  const res = spawnSync(helmBin(), args, { encoding: 'utf8', cwd: repoRoot });
  return { ok: res.status === 0, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

export function helmTemplate(values: object = {}, options: RenderOptions = {}): HelmResult {
  const dir = mkdtempSync(join(tmpdir(), 'chart-values-'));
  try {
    const file = join(dir, 'values.json');
    writeFileSync(file, JSON.stringify(values));
    const args = [
      'template',
      options.release ?? 'todo-chatbot',
      chartDir,
      '--namespace',
      options.namespace ?? 'todo-chatbot',
      ...(options.valuesFiles ?? []).flatMap((f) => ['-f', f]),
      '-f',
      file,
      ...(options.set ?? []).flatMap((s) => ['--set', s]),
      ...(options.kubeVersion ? ['--kube-version', options.kubeVersion] : []),
      ...(options.apiVersions ?? []).flatMap((v) => ['--api-versions', v]),
    ];
    return runHelm(args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`invalid YAML from helm: ${doc.errors[0]?.message}`);
      return doc.toJSON() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

export function renderChart(values: object = {}, options: RenderOptions = {}): K8sObject[] {
  const res = helmTemplate(values, options);
  if (!res.ok) throw new Error(`helm template failed:\n${res.stderr}`);
  return parseManifests(res.stdout);
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

/** `value`, or a failure that says which expected thing is missing. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, found none`);
  return value;
}

/** Like find, for objects the test needs: a missing one fails with its kind and name. */
export function mustFind(objects: K8sObject[], kind: string, name: string): K8sObject {
  return must(find(objects, kind, name), `${kind} ${name} in the render`);
}

/** The Deployment whose pods carry app.kubernetes.io/component=<component> (web | api). */
export function deploymentOf(objects: K8sObject[], component: string): K8sObject {
  const dep = objects.find(
    (o) =>
      o.kind === 'Deployment' &&
      o.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'] === component,
  );
  if (!dep) throw new Error(`no Deployment for component ${component}`);
  return dep;
}

function decodedSecret(secret: K8sObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) {
    out[k] = Buffer.from(String(v), 'base64').toString('utf8');
  }
  for (const [k, v] of Object.entries(secret.stringData ?? {})) out[k] = String(v);
  return out;
}

/** The environment the kubelet would give the first container of a component's Deployment. */
export function containerEnv(objects: K8sObject[], component: string): Record<string, string> {
  const container = deploymentOf(objects, component).spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const obj = find(objects, kind, ref.name);
    if (!obj) throw new Error(`${kind} ${ref.name} is not in the render (existingSecret?)`);
    Object.assign(env, kind === 'Secret' ? decodedSecret(obj) : obj.data);
  }
  for (const item of container.env ?? []) {
    if (item.valueFrom?.secretKeyRef) {
      const ref = item.valueFrom.secretKeyRef;
      const secret = find(objects, 'Secret', ref.name);
      if (!secret) throw new Error(`Secret ${ref.name} is not in the render`);
      const value = decodedSecret(secret)[ref.key];
      // The kubelet skips an optional key the Secret lacks, so envFrom's value (if any) stays.
      if (value === undefined && ref.optional) continue;
      env[item.name] = value ?? '';
    } else {
      env[item.name] = String(item.value ?? '').replace(
        /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (m, n) => (n in env ? (env[n] as string) : m),
      );
    }
  }
  return env;
}
