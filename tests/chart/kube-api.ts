/**
 * A stand-in for the Kubernetes API server, serving what `helm template --dry-run=server` asks of
 * a cluster: the version, discovery of the kinds this chart renders, and GET of namespaced objects
 * (a 404 Status when absent). No kube-apiserver can run here (Debian ships none, and Minikube
 * needs images from the internet), so helm's own client-go talks to this over HTTP, and `lookup`
 * in the templates sees the objects a test stored, the way it sees what an earlier install left.
 *
 *   const cluster = await startKubeApi();
 *   const first = await renderOnCluster(cluster);       // nothing stored: a first install
 *   cluster.install(first, 'todo-chatbot');              // what `helm install` would have created
 *   const second = await renderOnCluster(cluster);      // an upgrade: lookup finds the first Secret
 *   await cluster.close();
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { helmBin } from '../../scripts/helm-bin.mjs';
import { chartDir, type K8sObject, parseManifests, repoRoot } from './render.ts';

const run = promisify(execFile);

/** Group versions and the kinds of each that the chart renders (resource name, kind). */
const RESOURCES: Record<string, [string, string][]> = {
  v1: [
    ['secrets', 'Secret'],
    ['configmaps', 'ConfigMap'],
    ['services', 'Service'],
    ['serviceaccounts', 'ServiceAccount'],
    ['pods', 'Pod'],
    ['persistentvolumeclaims', 'PersistentVolumeClaim'],
  ],
  'apps/v1': [
    ['deployments', 'Deployment'],
    ['statefulsets', 'StatefulSet'],
  ],
  'batch/v1': [
    ['jobs', 'Job'],
    ['cronjobs', 'CronJob'],
  ],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget']],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler']],
  'networking.k8s.io/v1': [
    ['networkpolicies', 'NetworkPolicy'],
    ['ingresses', 'Ingress'],
  ],
};

export interface KubeApi {
  /** Stores `objects` as `helm install` would leave them: in `namespace`, owned by `release`. */
  install(objects: K8sObject[], namespace: string, release?: string): void;
  /** Stores one object as someone made it (e.g. `kubectl create secret`). */
  put(object: K8sObject, namespace: string): void;
  /** Paths of the GET requests for objects (not discovery) helm made so far. */
  readonly lookups: string[];
  kubeconfig: string;
  close(): Promise<void>;
}

function resourceOf(kind: string): { groupVersion: string; resource: string } {
  for (const [groupVersion, kinds] of Object.entries(RESOURCES)) {
    const found = kinds.find(([, k]) => k === kind);
    if (found) return { groupVersion, resource: found[0] };
  }
  throw new Error(`the Kubernetes API stand-in serves no kind ${kind}`);
}

function objectPath(groupVersion: string, namespace: string, resource: string, name: string) {
  const prefix = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
  return `${prefix}/namespaces/${namespace}/${resource}/${name}`;
}

export async function startKubeApi(): Promise<KubeApi> {
  const objects = new Map<string, K8sObject>();
  const lookups: string[] = [];
  const resourceList = (groupVersion: string) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: (RESOURCES[groupVersion] ?? []).map(([name, kind]) => ({
      name,
      singularName: kind.toLowerCase(),
      namespaced: true,
      kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  });
  const groups = Object.keys(RESOURCES)
    .filter((gv) => gv !== 'v1')
    .map((groupVersion) => {
      const [name, version] = groupVersion.split('/');
      return {
        name,
        versions: [{ groupVersion, version }],
        preferredVersion: { groupVersion, version },
      };
    });

  const server = createServer((req, res) => {
    const send = (code: number, body: object) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    if (req.method !== 'GET')
      return send(405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 405 });
    if (path === '/version')
      return send(200, { major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' });
    if (path === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'] });
    if (path === '/apis') return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    const discovery = path.match(/^\/(?:api\/(v1)|apis\/([a-z0-9.-]+\/v[a-z0-9]+))$/);
    const groupVersion = discovery?.[1] ?? discovery?.[2];
    if (groupVersion && RESOURCES[groupVersion]) return send(200, resourceList(groupVersion));
    lookups.push(path);
    const found = objects.get(path);
    if (found) return send(200, found);
    send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: `${path} not found`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const dir = mkdtempSync(join(tmpdir(), 'kube-api-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'stand-in', cluster: { server: `http://127.0.0.1:${port}` } }],
      users: [{ name: 'stand-in', user: { token: 'stand-in' } }],
      contexts: [{ name: 'stand-in', context: { cluster: 'stand-in', user: 'stand-in' } }],
      'current-context': 'stand-in',
    }),
  );

  const put = (object: K8sObject, namespace: string) => {
    const { groupVersion, resource } = resourceOf(object.kind);
    const stored = structuredClone(object);
    stored.metadata = { ...stored.metadata, namespace };
    objects.set(objectPath(groupVersion, namespace, resource, object.metadata.name), stored);
  };

  return {
    put,
    install(rendered, namespace, release = 'todo-chatbot') {
      for (const object of rendered) {
        if (object.metadata?.annotations?.['helm.sh/hook']) continue; // hooks are not kept
        // The ownership metadata helm adds, which it checks before it adopts an existing object.
        put(
          {
            ...object,
            metadata: {
              ...object.metadata,
              annotations: {
                ...object.metadata.annotations,
                'meta.helm.sh/release-name': release,
                'meta.helm.sh/release-namespace': namespace,
              },
            },
          },
          namespace,
        );
      }
    },
    lookups,
    kubeconfig,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `helm template --dry-run=server` against the stand-in: the chart rendered as `helm upgrade
 * --install` would render it there, `lookup` included. (OpenAPI validation is the chart suite's
 * own job, k8s-schema.ts; the stand-in serves no OpenAPI document.)
 */
export async function renderOnCluster(
  cluster: KubeApi,
  values: object = {},
  options: { release?: string; namespace?: string } = {},
): Promise<K8sObject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chart-values-'));
  try {
    const file = join(dir, 'values.json');
    writeFileSync(file, JSON.stringify(values));
    const { stdout } = await run(
      helmBin(),
      [
        'template',
        options.release ?? 'todo-chatbot',
        chartDir,
        '--namespace',
        options.namespace ?? 'todo-chatbot',
        '-f',
        file,
        '--dry-run=server',
        '--disable-openapi-validation',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return parseManifests(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
