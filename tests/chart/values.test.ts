// What specific values render to: the defaults, each reference layout's values, secrets, hooks,
// API versions per Kubernetes version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { crossReferenceIssues, policyIssues } from './checks.ts';
import {
  chartDir,
  containerEnv,
  deploymentOf,
  find,
  type K8sObject,
  must,
  mustFind,
  renderChart,
  repoRoot,
} from './render.ts';

const svc = (objects: K8sObject[], name: string) => mustFind(objects, 'Service', name);
const container = (objects: K8sObject[], component: string) =>
  deploymentOf(objects, component).spec.template.spec.containers[0];

describe('defaults', () => {
  const objects = renderChart();

  test('Chart version and appVersion are the project version; kubeVersion >= 1.20', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
    expect(chart).toMatchObject({
      apiVersion: 'v2',
      type: 'application',
      version: pkg.version,
      appVersion: pkg.version,
      kubeVersion: '>=1.20.0-0',
    });
  });

  test('imagePullSecrets reach every pod that pulls an app image', () => {
    const withSecrets = renderChart({ global: { imagePullSecrets: ['regcred'] } });
    for (const o of withSecrets.filter((x) => ['Deployment', 'Job', 'Pod'].includes(x.kind))) {
      const spec = o.kind === 'Pod' ? o.spec : o.spec.template.spec;
      expect(spec.imagePullSecrets, `${o.kind}/${o.metadata.name}`).toEqual([{ name: 'regcred' }]);
    }
  });

  test('frontend NodePort 80 -> 3000 on 30080, backend ClusterIP 8000', () => {
    const web = svc(objects, 'todo-chatbot-web').spec;
    expect(web).toMatchObject({
      type: 'NodePort',
      ports: [{ port: 80, nodePort: 30080, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(container(objects, 'web').ports).toEqual([
      { name: 'http', containerPort: 3000, protocol: 'TCP' },
    ]);
    const api = svc(objects, 'todo-chatbot-api').spec;
    expect(api).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 8000, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(api.ports[0].nodePort).toBeUndefined();
    expect(container(objects, 'api').ports[0].containerPort).toBe(8000);
  });

  test('images are todo-backend/todo-frontend at the appVersion, IfNotPresent', () => {
    expect(container(objects, 'api')).toMatchObject({
      image: 'todo-backend:0.1.0',
      imagePullPolicy: 'IfNotPresent',
    });
    expect(container(objects, 'web')).toMatchObject({
      image: 'todo-frontend:0.1.0',
      imagePullPolicy: 'IfNotPresent',
    });
  });

  test('the API env has every key the apps expect, the web env only its own', () => {
    const api = containerEnv(objects, 'api');
    expect(api).toMatchObject({
      ENVIRONMENT: 'production',
      LOG_LEVEL: 'info',
      PORT: '8000',
      CORS_ORIGINS: 'http://localhost:30080',
      BETTER_AUTH_URL: 'http://localhost:30080',
      LLM_PROVIDER: 'auto',
      MIGRATE_ON_START: 'true',
    });
    expect(api.BETTER_AUTH_SECRET).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(api.DATABASE_URL).toMatch(
      /^postgresql:\/\/todo:[A-Za-z0-9]{32}@todo-chatbot-postgresql:5432\/todo$/,
    );
    const web = containerEnv(objects, 'web');
    expect(web).toEqual({
      PORT: '3000',
      HOSTNAME: '0.0.0.0',
      BACKEND_URL: 'http://todo-chatbot-api:8000',
      MCP_PUBLIC: 'false',
      NEXT_PUBLIC_APP_NAME: 'Todo Chatbot',
      NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=8',
    });
  });

  test('rolling update surge 1 / unavailable 0, checksums, graceful shutdown', () => {
    for (const component of ['api', 'web']) {
      const dep = deploymentOf(objects, component);
      expect(dep.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
      expect(dep.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
      expect(dep.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
      expect(dep.spec.template.spec.containers[0].lifecycle.preStop.exec.command).toEqual([
        'node',
        '-e',
        'setTimeout(() => {}, 5000)',
      ]);
    }
    expect(
      deploymentOf(objects, 'api').spec.template.metadata.annotations['checksum/secret'],
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  test('probes: API /health live, /ready ready; web /api/health', () => {
    const api = container(objects, 'api');
    expect(api.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(api.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(api.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(api.readinessProbe).toMatchObject({
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 2,
    });
    const web = container(objects, 'web');
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      expect(web[p].httpGet).toEqual({ path: '/api/health', port: 'http' });
    }
  });

  test('writable emptyDirs only where the apps write', () => {
    expect(
      container(objects, 'api').volumeMounts.map((m: { mountPath: string }) => m.mountPath),
    ).toEqual(['/tmp']);
    expect(
      container(objects, 'web').volumeMounts.map((m: { mountPath: string }) => m.mountPath),
    ).toEqual(['/tmp', '/app/apps/web/.next/cache']);
  });

  test('migration Job: post-install + pre-upgrade hook, same image, DB wait, TTL', () => {
    const job = mustFind(objects, 'Job', 'todo-chatbot-migrate');
    expect(job.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'post-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    const c = job.spec.template.spec.containers[0];
    expect(c.image).toBe('todo-backend:0.1.0');
    expect(c.command).toEqual(['node', '/app/migrate.mjs']);
    expect(c.env.find((e: { name: string }) => e.name === 'DB_CONNECT_TIMEOUT_SECONDS').value).toBe(
      '120',
    );
  });

  test('PostgreSQL: StatefulSet with a PVC, non-root 999, its own Secret, kept on uninstall', () => {
    const sts = mustFind(objects, 'StatefulSet', 'todo-chatbot-postgresql');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(sts.spec.template.spec.securityContext).toMatchObject({
      runAsUser: 999,
      fsGroup: 999,
      runAsNonRoot: true,
    });
    expect(sts.spec.template.spec.containers[0].image).toBe('postgres:17.6');
    const secret = mustFind(objects, 'Secret', 'todo-chatbot-postgresql');
    expect(secret.metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    expect(mustFind(objects, 'Service', 'todo-chatbot-postgresql').spec.ports[0].port).toBe(5432);
  });

  test('ServiceAccount mounts no token; no PDB or HPA for single replicas; helm test hook', () => {
    expect(mustFind(objects, 'ServiceAccount', 'todo-chatbot').automountServiceAccountToken).toBe(
      false,
    );
    expect(
      objects.filter(
        (o) => o.kind === 'PodDisruptionBudget' || o.kind === 'HorizontalPodAutoscaler',
      ),
    ).toEqual([]);
    const testPod = mustFind(objects, 'Pod', 'todo-chatbot-test');
    expect(testPod.metadata.annotations['helm.sh/hook']).toBe('test');
    expect(testPod.spec.containers[0].env[0].value).toBe(
      'http://todo-chatbot-web:80/api/health http://todo-chatbot-api:8000/ready',
    );
  });

  test('NetworkPolicy: default deny, API reached by web and test only, DB by API, Job and backups', () => {
    const deny = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-default-deny');
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toBeUndefined();
    const api = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-api');
    const callers = api.spec.ingress[0].from.map(
      (f: { podSelector: { matchLabels: Record<string, string> } }) =>
        f.podSelector.matchLabels['app.kubernetes.io/component'],
    );
    expect(callers).toEqual(['web', 'test']);
    expect(api.spec.ingress).toHaveLength(1);
    // 443 to the internet only: no rule opens 443 (or everything) without excluding private
    // ranges. Two rules: LLM providers, and reminders (push services, webhooks; reminders.test.ts).
    const https = api.spec.egress.filter((r: { ports?: { port: number }[] }) =>
      r.ports?.some((p) => p.port === 443),
    );
    expect(https).toEqual([
      {
        to: [
          {
            ipBlock: {
              cidr: '0.0.0.0/0',
              except: [
                '10.0.0.0/8',
                '172.16.0.0/12',
                '192.168.0.0/16',
                '169.254.0.0/16',
                '100.64.0.0/10',
              ],
            },
          },
          { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10', '::ffff:0:0/96'] } },
        ],
        ports: [{ port: 443, protocol: 'TCP' }],
      },
      {
        to: [
          {
            ipBlock: {
              cidr: '0.0.0.0/0',
              except: [
                '10.0.0.0/8',
                '172.16.0.0/12',
                '192.168.0.0/16',
                '100.64.0.0/10',
                '127.0.0.0/8',
                '169.254.0.0/16',
              ],
            },
          },
          {
            ipBlock: {
              cidr: '::/0',
              except: ['fc00::/7', '::1/128', 'fe80::/10', '::ffff:0:0/96'],
            },
          },
        ],
        ports: [{ port: 443, protocol: 'TCP' }],
      },
    ]);
    for (const rule of api.spec.egress) expect(rule.to ?? rule.ports).toBeDefined();
    const db = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-postgresql');
    expect(
      db.spec.ingress[0].from.map(
        (f: { podSelector: { matchLabels: Record<string, string> } }) =>
          f.podSelector.matchLabels['app.kubernetes.io/component'],
      ),
    ).toEqual(['api', 'migrate', 'backup']);
  });
});

describe('reference layout values are selectable (older key names frontend/backend)', () => {
  test('layout 004: 2 replicas each, LoadBalancer, pull Never, PDBs', () => {
    const objects = renderChart({
      global: { imagePullPolicy: 'Never' },
      frontend: { replicaCount: 2, service: { type: 'LoadBalancer', nodePort: null } },
      backend: { replicaCount: 2 },
    });
    expect(deploymentOf(objects, 'api').spec.replicas).toBe(2);
    expect(deploymentOf(objects, 'web').spec.replicas).toBe(2);
    expect(svc(objects, 'todo-chatbot-web').spec.type).toBe('LoadBalancer');
    expect(container(objects, 'api').imagePullPolicy).toBe('Never');
    expect(container(objects, 'web').imagePullPolicy).toBe('Never');
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(2);
  });

  test('layouts 001/003: API 7860 and nodePort 30000; BACKEND_URL follows the port', () => {
    const objects = renderChart({
      frontend: { service: { nodePort: 30000 } },
      backend: { containerPort: 7860, service: { port: 7860 } },
    });
    expect(svc(objects, 'todo-chatbot-api').spec.ports[0].port).toBe(7860);
    expect(svc(objects, 'todo-chatbot-web').spec.ports[0].nodePort).toBe(30000);
    expect(containerEnv(objects, 'web').BACKEND_URL).toBe('http://todo-chatbot-api:7860');
    expect(containerEnv(objects, 'api').PORT).toBe('7860');
    expect(containerEnv(objects, 'api').BETTER_AUTH_URL).toBe('http://localhost:30000');
  });

  test('layout 000: global tag and pull policy, per-path ingress services, ENVIRONMENT development', () => {
    const objects = renderChart({
      global: { environment: 'development', imageTag: 'local', imagePullPolicy: 'Never' },
      ingress: {
        enabled: true,
        hosts: [
          {
            host: 'todo.local',
            paths: [
              { path: '/', service: 'frontend' },
              { path: '/api/v1', service: 'backend' },
            ],
          },
        ],
      },
    });
    expect(container(objects, 'api').image).toBe('todo-backend:local');
    expect(container(objects, 'web').image).toBe('todo-frontend:local');
    const paths = mustFind(objects, 'Ingress', 'todo-chatbot').spec.rules[0].http.paths;
    expect(
      paths.map((p: { backend: { service: { name: string } } }) => p.backend.service.name),
    ).toEqual(['todo-chatbot-web', 'todo-chatbot-api']);
    expect(containerEnv(objects, 'api').ENVIRONMENT).toBe('development');
    // The Ingress path to the backend must get through the API's NetworkPolicy.
    expect(mustFind(objects, 'NetworkPolicy', 'todo-chatbot-api').spec.ingress).toContainEqual({
      ports: [{ port: 'http', protocol: 'TCP' }],
    });
    expect(containerEnv(objects, 'api').BETTER_AUTH_URL).toBe('http://todo.local');
  });

  test('a component tag wins over global.imageTag; release name prefixes the names', () => {
    const objects = renderChart(
      { global: { imageTag: '1.2.3' }, backend: { image: { tag: '2.0.0' } } },
      { release: 'demo' },
    );
    expect(deploymentOf(objects, 'api').metadata.name).toBe('demo-todo-chatbot-api');
    expect(container(objects, 'api').image).toBe('todo-backend:2.0.0');
    expect(container(objects, 'web').image).toBe('todo-frontend:1.2.3');
    expect(containerEnv(objects, 'web').BACKEND_URL).toBe('http://demo-todo-chatbot-api:8000');
  });
});

describe('secrets and databases', () => {
  test('given secrets land in the API Secret; empty ones are omitted', () => {
    const objects = renderChart({
      secrets: {
        betterAuthSecret: 'x'.repeat(40),
        openaiApiKey: 'sk-1',
        mcpApiKey: 'mcp-1'.padEnd(32, '0'),
      },
      config: {
        mcpDefaultUserId: 'user-1',
        llmModel: 'gpt-4o-mini',
        openaiBaseUrl: 'http://ollama:11434/v1',
      },
    });
    const env = containerEnv(objects, 'api');
    expect(env).toMatchObject({
      BETTER_AUTH_SECRET: 'x'.repeat(40),
      OPENAI_API_KEY: 'sk-1',
      MCP_API_KEY: 'mcp-1'.padEnd(32, '0'),
      MCP_DEFAULT_USER_ID: 'user-1',
      LLM_MODEL: 'gpt-4o-mini',
      OPENAI_BASE_URL: 'http://ollama:11434/v1',
    });
    // vapid-private-key is generated like BETTER_AUTH_SECRET (tests/chart/reminders.test.ts).
    expect(Object.keys(mustFind(objects, 'Secret', 'todo-chatbot-api').data).sort()).toEqual([
      'BETTER_AUTH_SECRET',
      'MCP_API_KEY',
      'OPENAI_API_KEY',
      'vapid-private-key',
    ]);
  });

  test('existingSecret: no chart Secret, the pods and Job read the named one', () => {
    const objects = renderChart({ existingSecret: 'my-secrets' });
    expect(find(objects, 'Secret', 'todo-chatbot-api')).toBeUndefined();
    expect(container(objects, 'api').envFrom).toContainEqual({ secretRef: { name: 'my-secrets' } });
    expect(
      mustFind(objects, 'Job', 'todo-chatbot-migrate').spec.template.spec.containers[0].envFrom,
    ).toContainEqual({
      secretRef: { name: 'my-secrets' },
    });
  });

  test('external database: no PostgreSQL objects, DATABASE_URL from the Secret, egress on 5432', () => {
    const url = 'postgresql://u:p@ep-x.neon.tech/db?sslmode=require';
    const objects = renderChart({ postgresql: { enabled: false }, secrets: { databaseUrl: url } });
    expect(
      objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'postgresql'),
    ).toEqual([]);
    expect(containerEnv(objects, 'api').DATABASE_URL).toBe(url);
    // Only the reminders' key is an env entry: DATABASE_URL comes with the Secret, not built.
    expect(container(objects, 'api').env.map((e: { name: string }) => e.name)).toEqual([
      'VAPID_PRIVATE_KEY',
    ]);
    const api = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-api');
    expect(api.spec.egress).toContainEqual({ ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  test('a given PostgreSQL password is used in DATABASE_URL', () => {
    const objects = renderChart({ postgresql: { auth: { password: 'pw-123' } } });
    expect(containerEnv(objects, 'api').DATABASE_URL).toBe(
      'postgresql://todo:pw-123@todo-chatbot-postgresql:5432/todo',
    );
  });
});

describe('API versions follow the Kubernetes version', () => {
  const values = { autoscaling: { enabled: true }, ingress: { enabled: true } };
  test('1.20: autoscaling/v2beta2 and policy/v1beta1', () => {
    const objects = renderChart(values, { kubeVersion: '1.20.0' });
    expect(
      new Set(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.apiVersion)),
    ).toEqual(new Set(['autoscaling/v2beta2']));
    expect(
      new Set(objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.apiVersion)),
    ).toEqual(new Set(['policy/v1beta1']));
  });

  test('current: autoscaling/v2 and policy/v1; HPA ranges 1-10 and 1-5; Deployments leave replicas to the HPA', () => {
    const objects = renderChart(values);
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((o) => o.apiVersion)).toEqual(['autoscaling/v2', 'autoscaling/v2']);
    expect(hpas.map((h) => [h.metadata.name, h.spec.minReplicas, h.spec.maxReplicas])).toEqual([
      ['todo-chatbot-web', 1, 5],
      ['todo-chatbot-api', 1, 10],
    ]);
    expect(
      must(hpas[0], 'an HPA').spec.metrics.map(
        (m: { resource: { name: string } }) => m.resource.name,
      ),
    ).toEqual(['cpu', 'memory']);
    expect(
      objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.apiVersion),
    ).toEqual(['policy/v1', 'policy/v1']);
    expect(deploymentOf(objects, 'api').spec.replicas).toBeUndefined();
  });

  test('ingress with TLS makes the public URL https', () => {
    const objects = renderChart({
      ingress: {
        enabled: true,
        className: 'nginx',
        hosts: [{ host: 'todo.example.com', paths: [{ path: '/' }] }],
        tls: [{ secretName: 't', hosts: ['todo.example.com'] }],
      },
    });
    const ing = mustFind(objects, 'Ingress', 'todo-chatbot');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.tls).toEqual([{ secretName: 't', hosts: ['todo.example.com'] }]);
    expect(containerEnv(objects, 'api').BETTER_AUTH_URL).toBe('https://todo.example.com');
  });
});

describe('client addresses and chat quotas (API env)', () => {
  test('TRUST_PROXY_HOPS: 1 behind the web pods (NodePort or ClusterIP), 2 with the Ingress, a value wins', () => {
    expect(containerEnv(renderChart(), 'api').TRUST_PROXY_HOPS).toBe('1');
    const clusterIp = renderChart({ frontend: { service: { type: 'ClusterIP', nodePort: null } } });
    expect(containerEnv(clusterIp, 'api').TRUST_PROXY_HOPS).toBe('1');
    expect(containerEnv(renderChart({ ingress: { enabled: true } }), 'api').TRUST_PROXY_HOPS).toBe(
      '2',
    );
    const set = renderChart({ ingress: { enabled: true }, config: { trustProxyHops: 3 } });
    expect(containerEnv(set, 'api').TRUST_PROXY_HOPS).toBe('3');
    expect(
      containerEnv(renderChart({ config: { trustProxyHops: 0 } }), 'api').TRUST_PROXY_HOPS,
    ).toBe('0');
  });

  test('chat quotas default to 200 messages a day and 2,000,000 tokens a month; 0 is unlimited', () => {
    expect(containerEnv(renderChart(), 'api')).toMatchObject({
      CHAT_MAX_MESSAGES_PER_DAY: '200',
      CHAT_MAX_TOKENS_PER_MONTH: '2000000',
    });
    const unlimited = renderChart({
      config: { chatMaxMessagesPerDay: 0, chatMaxTokensPerMonth: 50_000_000 },
    });
    expect(containerEnv(unlimited, 'api')).toMatchObject({
      CHAT_MAX_MESSAGES_PER_DAY: '0',
      CHAT_MAX_TOKENS_PER_MONTH: '50000000',
    });
  });

  test('MCP calls default to 120 a minute per client and deleted rows to 30 days; both configurable', () => {
    expect(containerEnv(renderChart(), 'api')).toMatchObject({
      MCP_CALLS_PER_MINUTE: '120',
      DELETED_RETENTION_DAYS: '30',
    });
    const set = renderChart({ config: { mcpCallsPerMinute: 0, deletedRetentionDays: 7 } });
    expect(containerEnv(set, 'api')).toMatchObject({
      MCP_CALLS_PER_MINUTE: '0',
      DELETED_RETENTION_DAYS: '7',
    });
  });

  test('MCP sessions: idle expiry, caps and the elicitation timeout reach the API, configurable', () => {
    expect(containerEnv(renderChart(), 'api')).toMatchObject({
      MCP_SESSION_IDLE_SECONDS: '1800',
      MCP_SESSIONS_PER_USER: '10',
      MCP_SESSIONS_PER_PROCESS: '200',
      MCP_ELICITATION_TIMEOUT_SECONDS: '120',
    });
    const set = renderChart({
      config: {
        mcpSessionIdleSeconds: 600,
        mcpSessionsPerUser: 3,
        mcpSessionsPerProcess: 50,
        mcpElicitationTimeoutSeconds: 60,
      },
    });
    expect(containerEnv(set, 'api')).toMatchObject({
      MCP_SESSION_IDLE_SECONDS: '600',
      MCP_SESSIONS_PER_USER: '3',
      MCP_SESSIONS_PER_PROCESS: '50',
      MCP_ELICITATION_TIMEOUT_SECONDS: '60',
    });
  });

  test('LLM egress ranges are configurable; the migration Job reaches neither the API nor 443', () => {
    const objects = renderChart({
      networkPolicy: { llmEgressBlocks: [{ cidr: '203.0.113.0/24' }] },
    });
    const api = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-api');
    expect(api.spec.egress).toContainEqual({
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
    const job = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-migrate');
    const jobPorts = job.spec.egress.flatMap((r: { ports: { port: number }[] }) =>
      r.ports.map((p) => p.port),
    );
    expect(jobPorts).toEqual([53, 53, 5432]);
  });

  test('the generated BETTER_AUTH_SECRET is 48 random characters, new on each install', () => {
    const a = containerEnv(renderChart(), 'api').BETTER_AUTH_SECRET;
    const b = containerEnv(renderChart(), 'api').BETTER_AUTH_SECRET;
    expect(a).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(a).not.toBe(b);
  });
});

describe('backups', () => {
  const cronOf = (objects: K8sObject[]) => mustFind(objects, 'CronJob', 'todo-chatbot-backup');
  const backupContainer = (objects: K8sObject[]) =>
    cronOf(objects).spec.jobTemplate.spec.template.spec.containers[0];

  test('on by default with the in-cluster PostgreSQL: daily pg_dump -Fc into a kept PVC, keep 7', () => {
    const objects = renderChart();
    const cron = cronOf(objects);
    expect(cron.apiVersion).toBe('batch/v1');
    expect(cron.spec).toMatchObject({ schedule: '30 2 * * *', concurrencyPolicy: 'Forbid' });
    const c = backupContainer(objects);
    expect(c.image).toBe('postgres:17.6');
    expect(c.args[0]).toContain(
      'pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL"',
    );
    expect(c.env).toContainEqual({ name: 'BACKUP_KEEP', value: '7' });
    expect(c.volumeMounts).toContainEqual({ name: 'backups', mountPath: '/backups' });
    const pvc = mustFind(objects, 'PersistentVolumeClaim', 'todo-chatbot-backup');
    expect(pvc.metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    expect(pvc.spec.resources.requests.storage).toBe('2Gi');
    const env = Object.fromEntries(
      c.env.map((e: { name: string; value?: string }) => [e.name, e.value]),
    );
    expect(env.DATABASE_URL).toBe(
      'postgresql://todo:$(DATABASE_PASSWORD)@todo-chatbot-postgresql:5432/todo',
    );
  });

  test('Kubernetes 1.20 gets batch/v1beta1', () => {
    expect(cronOf(renderChart({}, { kubeVersion: '1.20.0' })).apiVersion).toBe('batch/v1beta1');
  });

  test('off by default with an external database; when enabled it dumps DATABASE_URL from the Secret', () => {
    const external = {
      postgresql: { enabled: false },
      secrets: { databaseUrl: 'postgresql://u:p@neon/db' },
    };
    expect(renderChart(external).filter((o) => o.kind === 'CronJob')).toEqual([]);
    const on = renderChart({ ...external, backup: { enabled: true, keep: 14 } });
    expect(backupContainer(on).env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'todo-chatbot-api', key: 'DATABASE_URL' } },
    });
    expect(backupContainer(on).env).toContainEqual({ name: 'BACKUP_KEEP', value: '14' });
    const mapped = renderChart({
      postgresql: { enabled: false },
      existingSecret: 'todo-secrets',
      existingSecretKeys: { databaseUrl: 'database-url' },
      backup: { enabled: true, persistence: { existingClaim: 'nfs-backups' } },
    });
    expect(backupContainer(mapped).env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'todo-secrets', key: 'database-url' } },
    });
    expect(mapped.filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
    expect(
      cronOf(mapped).spec.jobTemplate.spec.template.spec.volumes[0].persistentVolumeClaim.claimName,
    ).toBe('nfs-backups');
  });

  test('backup.enabled=false renders no CronJob, PVC or backup NetworkPolicy', () => {
    const objects = renderChart({ backup: { enabled: false } });
    expect(
      objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'backup'),
    ).toEqual([]);
  });

  test('the optional helm test lists the newest backup with pg_restore --list', () => {
    expect(find(renderChart(), 'Pod', 'todo-chatbot-test-backup')).toBeUndefined();
    const pod = mustFind(
      renderChart({ tests: { latestBackup: true } }),
      'Pod',
      'todo-chatbot-test-backup',
    );
    expect(pod.metadata.annotations['helm.sh/hook']).toBe('test');
    expect(pod.spec.containers[0].args[0]).toContain('pg_restore --list "$latest"');
    expect(pod.spec.volumes[0].persistentVolumeClaim).toEqual({
      claimName: 'todo-chatbot-backup',
      readOnly: true,
    });
  });
});

describe('value presets (values-development.yaml, values-production.yaml)', () => {
  const preset = (name: string, options = {}) =>
    renderChart({}, { valuesFiles: [join(chartDir, name)], ...options });

  test('development: one pod each, debug logs, small requests, no backups', () => {
    const objects = preset('values-development.yaml');
    expect(deploymentOf(objects, 'api').spec.replicas).toBe(1);
    expect(deploymentOf(objects, 'web').spec.replicas).toBe(1);
    expect(containerEnv(objects, 'api')).toMatchObject({
      LOG_LEVEL: 'debug',
      ENVIRONMENT: 'development',
    });
    expect(container(objects, 'api').resources.requests).toEqual({ cpu: '50m', memory: '128Mi' });
    expect(
      objects.filter((o) =>
        ['CronJob', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(o.kind),
      ),
    ).toEqual([]);
  });

  test('production: 2+2 with HPAs and PDBs, spread, NetworkPolicies, backups, monitoring', () => {
    const objects = preset('values-production.yaml', { apiVersions: ['monitoring.coreos.com/v1'] });
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => [h.metadata.name, h.spec.minReplicas, h.spec.maxReplicas])).toEqual([
      ['todo-chatbot-web', 2, 5],
      ['todo-chatbot-api', 2, 10],
    ]);
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(2);
    expect(deploymentOf(objects, 'api').spec.template.spec.affinity.podAntiAffinity).toBeDefined();
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').length).toBeGreaterThanOrEqual(5);
    const cron = mustFind(objects, 'CronJob', 'todo-chatbot-backup');
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].env).toContainEqual({
      name: 'BACKUP_KEEP',
      value: '14',
    });
    for (const kind of ['ServiceMonitor', 'PrometheusRule'])
      expect(find(objects, kind, 'todo-chatbot-api')).toBeDefined();
    expect(find(objects, 'Pod', 'todo-chatbot-test-backup')).toBeDefined();
    expect(containerEnv(objects, 'api').ENVIRONMENT).toBe('production');
  });
});

describe('postgresql.mode', () => {
  const CNPG = { apiVersions: ['postgresql.cnpg.io/v1'] };

  test('cloudnativepg: a Cluster, the API on the operator Secret, no StatefulSet or backup CronJob', () => {
    const objects = renderChart(
      {
        postgresql: {
          mode: 'cloudnativepg',
          cnpg: { instances: 3, backup: { retentionPolicy: '30d' } },
          persistence: { size: '10Gi', storageClass: 'fast' },
        },
      },
      CNPG,
    );
    const cluster = mustFind(objects, 'Cluster', 'todo-chatbot-postgresql');
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster.spec).toMatchObject({
      instances: 3,
      bootstrap: { initdb: { database: 'todo', owner: 'todo' } },
      storage: { size: '10Gi', storageClass: 'fast' },
      backup: { retentionPolicy: '30d' },
    });
    const fromOperator = { secretKeyRef: { name: 'todo-chatbot-postgresql-app', key: 'uri' } };
    expect(container(objects, 'api').env).toEqual([
      { name: 'DATABASE_URL', valueFrom: fromOperator },
      {
        name: 'VAPID_PRIVATE_KEY',
        valueFrom: { secretKeyRef: { name: 'todo-chatbot-api', key: 'vapid-private-key' } },
      },
    ]);
    expect(
      mustFind(objects, 'Job', 'todo-chatbot-migrate').spec.template.spec.containers[0].env,
    ).toContainEqual({ name: 'DATABASE_URL', valueFrom: fromOperator });
    expect(objects.filter((o) => ['StatefulSet', 'CronJob'].includes(o.kind))).toEqual([]);
    expect(mustFind(objects, 'NetworkPolicy', 'todo-chatbot-api').spec.egress).toContainEqual({
      to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'todo-chatbot-postgresql' } } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    });
    expect(find(objects, 'NetworkPolicy', 'todo-chatbot-postgresql')).toBeUndefined();
    const others = objects.filter((o) => o.kind !== 'Cluster');
    expect(crossReferenceIssues(others, { existingSecret: 'todo-chatbot-postgresql-app' })).toEqual(
      [],
    );
    expect(policyIssues(others)).toEqual([]);
  });

  test('cloudnativepg with backup.enabled adds the chart CronJob reading the operator Secret', () => {
    const objects = renderChart(
      { postgresql: { mode: 'cloudnativepg' }, backup: { enabled: true } },
      CNPG,
    );
    expect(
      mustFind(objects, 'CronJob', 'todo-chatbot-backup').spec.jobTemplate.spec.template.spec
        .containers[0].env,
    ).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'todo-chatbot-postgresql-app', key: 'uri' } },
    });
  });

  test('external equals postgresql.enabled=false', () => {
    const url = 'postgresql://u:p@ep-x.neon.tech/db?sslmode=require';
    const a = renderChart({ postgresql: { mode: 'external' }, secrets: { databaseUrl: url } });
    const b = renderChart({ postgresql: { enabled: false }, secrets: { databaseUrl: url } });
    const kinds = (o: K8sObject[]) => o.map((x) => `${x.kind}/${x.metadata.name}`).sort();
    expect(kinds(a)).toEqual(kinds(b));
    expect(containerEnv(a, 'api').DATABASE_URL).toBe(url);
    expect(a.some((o) => o.kind === 'StatefulSet')).toBe(false);
  });
});

describe('one name per app: web and api', () => {
  test('resource names and the component label say web and api', () => {
    const objects = renderChart();
    for (const [app, kinds] of [
      ['web', ['Deployment', 'Service', 'ConfigMap', 'NetworkPolicy']],
      ['api', ['Deployment', 'Service', 'ConfigMap', 'Secret', 'NetworkPolicy']],
    ] as const) {
      for (const kind of kinds) {
        const o = mustFind(objects, kind, `todo-chatbot-${app}`);
        expect(o.metadata.labels['app.kubernetes.io/component']).toBe(app);
      }
    }
    expect(objects.some((o) => /-(frontend|backend)$/.test(o.metadata.name))).toBe(false);
    expect(container(objects, 'api').name).toBe('api');
    expect(container(objects, 'web').name).toBe('web');
  });

  test('the older keys frontend/backend (and autoscaling.*, ingress service names) render exactly like web/api', () => {
    const strip = (objects: K8sObject[]) =>
      JSON.stringify(objects, (k, v) =>
        k.startsWith('checksum/') ||
        k === 'BETTER_AUTH_SECRET' ||
        k === 'vapid-private-key' ||
        k === 'password'
          ? undefined
          : v,
      );
    const ingress = (web: string, api: string) => ({
      enabled: true,
      hosts: [
        {
          host: 'a.example',
          paths: [
            { path: '/', service: web },
            { path: '/api/v1', service: api },
          ],
        },
      ],
    });
    // The same values under the older keys and under ours.
    const valuesNamed = (web: string, api: string) => ({
      [web]: { replicaCount: 2, service: { type: 'LoadBalancer', nodePort: null } },
      [api]: { containerPort: 7860, service: { port: 7860 } },
      autoscaling: {
        enabled: true,
        [api]: { maxReplicas: 4, targetMemoryUtilizationPercentage: null },
      },
      ingress: ingress(web, api),
      postgresql: { auth: { password: 'pw' } },
    });
    const older = renderChart(valuesNamed('frontend', 'backend'));
    const newer = renderChart(valuesNamed('web', 'api'));
    expect(strip(older)).toBe(strip(newer));
    expect(mustFind(newer, 'Service', 'todo-chatbot-web').spec.ports[0].nodePort).toBeUndefined();
    const hpa = mustFind(newer, 'HorizontalPodAutoscaler', 'todo-chatbot-api');
    expect(hpa.spec.maxReplicas).toBe(4);
    expect(hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name)).toEqual([
      'cpu',
    ]);
  });
});
