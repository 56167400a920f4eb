// The reference layouts of docs/kubernetes.md, run as written: each `bash layout-NNN` block's
// `kubectl create secret` line makes the Secret (every key holding `value-of-<key>`), its `helm`
// line renders the chart with exactly those flags, and the layout's names, ports, Service types
// and environment come out as its table says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { crossReferenceIssues, policyIssues } from './checks.ts';
import {
  containerEnv,
  deploymentOf,
  find,
  type K8sObject,
  renderChart,
  repoRoot,
} from './render.ts';

interface Layout {
  id: string;
  secret: K8sObject;
  secretNamespace: string;
  release: string;
  namespace: string;
  sets: string[];
}

/** Words of one shell command; quotes group, `$VARS` stay as written (only their key matters). */
function words(command: string): string[] {
  return [...command.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)].map((m) =>
    m[0].replace(/["']/g, ''),
  );
}

function flag(args: string[], ...names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

function parseLayouts(markdown: string): Layout[] {
  return [...markdown.matchAll(/```bash layout-(\d+)\n([\s\S]*?)```/g)].map(([, id, body]) => {
    const commands = (body as string)
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter(Boolean);
    const kubectl = commands.map(words).find((w) => w[0] === 'kubectl' && w.includes('secret'));
    const helm = commands.map(words).find((w) => w[0] === 'helm');
    if (!kubectl || !helm) throw new Error(`layout ${id}: no kubectl secret or helm line`);
    const data: Record<string, string> = {};
    for (const w of kubectl.filter((x) => x.startsWith('--from-literal='))) {
      const key = w.slice('--from-literal='.length, w.indexOf('=', '--from-literal='.length));
      data[key] = Buffer.from(`value-of-${key}`).toString('base64');
    }
    const secretName = kubectl[kubectl.indexOf('generic') + 1] as string;
    expect(helm.slice(0, 5)).toEqual([
      'helm',
      'upgrade',
      '--install',
      'todo-chatbot',
      'helm/todo-chatbot',
    ]);
    return {
      id: id as string,
      secret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName }, data },
      secretNamespace: flag(kubectl, '-n', '--namespace') ?? 'default',
      release: helm[3] as string,
      namespace: flag(helm, '-n', '--namespace') ?? 'default',
      sets: helm.flatMap((w, i) => (helm[i - 1] === '--set' ? [w] : [])),
    };
  });
}

const layouts = parseLayouts(readFileSync(join(repoRoot, 'docs', 'kubernetes.md'), 'utf8'));

interface Expected {
  namespace: string;
  /** our env name → the Secret key it must come from */
  env: Record<string, string>;
  web: { name: string; type: string; port: number; nodePort?: number; replicas: number };
  api: { name: string; port: number; replicas: number };
  extra?: (objects: K8sObject[]) => void;
}

const expected: Record<string, Expected> = {
  '000': {
    namespace: 'todo-chatbot',
    env: {
      DATABASE_URL: 'DATABASE_URL',
      BETTER_AUTH_SECRET: 'BETTER_AUTH_SECRET',
      OPENAI_API_KEY: 'OPENAI_API_KEY',
      MCP_API_KEY: 'MCP_API_KEY',
      NEXT_PUBLIC_OPENAI_DOMAIN_KEY: 'NEXT_PUBLIC_OPENAI_DOMAIN_KEY',
    },
    web: {
      name: 'todo-chatbot-web',
      type: 'NodePort',
      port: 80,
      nodePort: 30080,
      replicas: 1,
    },
    api: { name: 'todo-chatbot-api', port: 8000, replicas: 1 },
    extra: (objects) => {
      const api = deploymentOf(objects, 'api').spec.template.spec.containers[0];
      expect(api).toMatchObject({ image: 'todo-backend:local', imagePullPolicy: 'Never' });
      expect(containerEnv(objects, 'api').ENVIRONMENT).toBe('development');
    },
  },
  '001': {
    namespace: 'default',
    env: {
      DATABASE_URL: 'database-url',
      BETTER_AUTH_SECRET: 'better-auth-secret',
      COHERE_API_KEY: 'cohere-api-key',
    },
    web: { name: 'todo-web', type: 'NodePort', port: 3000, nodePort: 30080, replicas: 2 },
    api: { name: 'todo-api', port: 7860, replicas: 2 },
  },
  '002': {
    namespace: 'todo-chatbot',
    env: {
      DATABASE_URL: 'DATABASE_URL',
      BETTER_AUTH_SECRET: 'BETTER_AUTH_SECRET',
      OPENAI_API_KEY: 'OPENAI_API_KEY',
      GROQ_API_KEY: 'GROQ_API_KEY',
    },
    web: {
      name: 'todo-chatbot-web',
      type: 'NodePort',
      port: 3000,
      nodePort: 30080,
      replicas: 1,
    },
    api: { name: 'todo-chatbot-api', port: 8000, replicas: 1 },
  },
  '003': {
    namespace: 'todo-app',
    env: {
      DATABASE_URL: 'DATABASE_URL',
      BETTER_AUTH_SECRET: 'JWT_SECRET',
      OPENAI_API_KEY: 'OPENAI_API_KEY',
    },
    web: { name: 'todo-app-web', type: 'NodePort', port: 3000, nodePort: 30000, replicas: 1 },
    api: { name: 'todo-app-api', port: 8000, replicas: 1 },
  },
  '004': {
    namespace: 'todo-chatbot',
    env: {
      DATABASE_URL: 'DATABASE_URL',
      BETTER_AUTH_SECRET: 'JWT_SECRET',
      OPENAI_API_KEY: 'OPENAI_API_KEY',
      GOOGLE_AI_API_KEY: 'GOOGLE_AI_API_KEY',
    },
    web: { name: 'todo-chatbot-web', type: 'LoadBalancer', port: 80, replicas: 2 },
    api: { name: 'todo-chatbot-api', port: 8000, replicas: 2 },
  },
};

test('docs/kubernetes.md has a runnable block for each of the five layouts', () => {
  expect(layouts.map((l) => l.id)).toEqual(Object.keys(expected));
});

describe.each(layouts)('layout $id', (layout) => {
  const want = expected[layout.id] as Expected;
  const objects = [
    ...renderChart({}, { release: layout.release, namespace: layout.namespace, set: layout.sets }),
    layout.secret,
  ];

  test('the Secret is made in the namespace the chart is installed into', () => {
    expect(layout.namespace).toBe(want.namespace);
    expect(layout.secretNamespace).toBe(want.namespace);
  });

  test('the API and the migration Job read every key from the Secret as written', () => {
    const env = containerEnv(objects, 'api');
    for (const [ours, theirs] of Object.entries(want.env)) {
      expect(env[ours], ours).toBe(`value-of-${theirs}`);
    }
    const job = objects.find((o) => o.kind === 'Job')!.spec.template.spec.containers[0];
    const renamed = Object.entries(want.env).filter(([ours, theirs]) => ours !== theirs);
    for (const [ours, theirs] of renamed) {
      expect(job.env).toContainEqual({
        name: ours,
        valueFrom: { secretKeyRef: { name: layout.secret.metadata.name, key: theirs } },
      });
    }
    expect(
      find(objects, 'StatefulSet', `${want.api.name.replace(/-api$/, '')}-postgresql`),
    ).toBeUndefined();
  });

  test('names, ports, Service types and replicas match the layout', () => {
    const web = find(objects, 'Service', want.web.name)!;
    expect(web.spec.type).toBe(want.web.type);
    expect(web.spec.ports[0].port).toBe(want.web.port);
    if (want.web.nodePort) expect(web.spec.ports[0].nodePort).toBe(want.web.nodePort);
    else expect(web.spec.ports[0].nodePort).toBeUndefined();
    const api = find(objects, 'Service', want.api.name)!;
    expect(api.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: want.api.port }] });
    expect(containerEnv(objects, 'web').BACKEND_URL).toBe(
      `http://${want.api.name}:${want.api.port}`,
    );
    expect(deploymentOf(objects, 'web').spec.replicas).toBe(want.web.replicas);
    expect(deploymentOf(objects, 'api').spec.replicas).toBe(want.api.replicas);
    want.extra?.(objects);
  });

  test('cross-references resolve and every pod meets the policy', () => {
    expect(crossReferenceIssues(objects)).toEqual([]);
    expect(policyIssues(objects)).toEqual([]);
  });
});

test('a mapped key the Secret lacks is a secretKeyRef that is not optional (the pod fails to start naming it)', () => {
  const objects = renderChart({
    postgresql: { enabled: false },
    existingSecret: 'todo-secrets',
    existingSecretKeys: { betterAuthSecret: 'JWT_SECRET' },
  });
  const ref = deploymentOf(objects, 'api').spec.template.spec.containers[0].env.find(
    (e: { name: string }) => e.name === 'BETTER_AUTH_SECRET',
  ).valueFrom.secretKeyRef;
  expect(ref).toEqual({ name: 'todo-secrets', key: 'JWT_SECRET' });
  expect(ref.optional).toBeUndefined();
});
