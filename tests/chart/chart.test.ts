// The chart over a value matrix (helm/todo-chatbot/ci/*-values.yaml) × Kubernetes 1.20 and current:
// helm lint --strict, schema validation of every object, cross-references and pod policy.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { crossReferenceIssues, policyIssues, secretExposureIssues } from './checks.ts';
import { validate120, validateCurrent } from './k8s-schema.ts';
import { chartDir, type K8sObject, mustFind, renderChart, runHelm } from './render.ts';

const ciDir = join(chartDir, 'ci');
// Every test scenario of ci/, then the two presets users pick from (docs/kubernetes.md).
const scenarios = [
  ...readdirSync(ciDir)
    .filter((f) => f.endsWith('-values.yaml'))
    .sort()
    .map((f) => join('ci', f)),
  'values-development.yaml',
  'values-production.yaml',
];
const versions = [
  { name: 'Kubernetes 1.20', kubeVersion: '1.20.0' },
  { name: 'current Kubernetes', kubeVersion: undefined },
];

describe.each(scenarios)('scenario %s', (file) => {
  const valuesFile = join(chartDir, file);
  const values = parse(readFileSync(valuesFile, 'utf8')) ?? {};

  test('helm lint --strict passes', () => {
    const res = runHelm(['lint', '--strict', chartDir, '-f', valuesFile]);
    expect(res.stderr + res.stdout).toContain('0 chart(s) failed');
    expect(res.ok).toBe(true);
  });

  describe.each(versions)('$name', ({ kubeVersion }) => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = renderChart({}, { valuesFiles: [valuesFile], kubeVersion });
    });

    test('renders the core objects', () => {
      const kinds = objects.map((o) => o.kind);
      expect(kinds.filter((k) => k === 'Deployment')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'Service').length).toBeGreaterThanOrEqual(2);
      // One per app (the dashboard's comes on top with monitoring.enabled).
      expect(
        objects.filter((o) => o.kind === 'ConfigMap' && !o.metadata.name.endsWith('-dashboard')),
      ).toHaveLength(2);
    });

    test('every object validates against the Kubernetes schema of that version', async () => {
      const issues =
        kubeVersion === '1.20.0' ? validate120(objects) : await validateCurrent(objects);
      expect(issues).toEqual([]);
    });

    test('cross-references resolve', () => {
      expect(
        crossReferenceIssues(objects, {
          existingSecret: values.existingSecret,
          existingClaim: values.backup?.persistence?.existingClaim,
        }),
      ).toEqual([]);
    });

    test('every pod meets the restricted profile and the chart policy', () => {
      expect(policyIssues(objects)).toEqual([]);
    });

    test('no secret material in a ConfigMap or a plain env value', () => {
      const given = [values.reminders?.email?.smtpUrl, values.reminders?.webPush?.vapidPrivateKey];
      expect(secretExposureIssues(objects, given.filter(Boolean))).toEqual([]);
    });

    test('names are unique per kind and labels are the standard set', () => {
      const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const o of objects) {
        expect(Object.keys(o.metadata.labels ?? {})).toEqual(
          expect.arrayContaining([
            'app.kubernetes.io/name',
            'app.kubernetes.io/instance',
            'app.kubernetes.io/version',
            'app.kubernetes.io/managed-by',
            'helm.sh/chart',
          ]),
        );
      }
    });
  });
});

describe('the checks themselves catch broken renders', () => {
  const base = () => renderChart({ frontend: { replicaCount: 2 } });

  test('a Service whose targetPort names no container port', () => {
    const objects = base();
    const svc = mustFind(objects, 'Service', 'todo-chatbot-api');
    svc.spec.ports[0].targetPort = 'metrics';
    expect(crossReferenceIssues(objects).join('\n')).toMatch(/targetPort metrics/);
  });

  test('a selector that misses its pods, a missing ConfigMap, a Secret on the web pods', () => {
    const objects = base();
    const web = mustFind(objects, 'Deployment', 'todo-chatbot-web');
    web.spec.selector.matchLabels['app.kubernetes.io/component'] = 'nope';
    web.spec.template.spec.containers[0].envFrom.push({
      secretRef: { name: 'todo-chatbot-api' },
    });
    web.spec.template.spec.containers[0].envFrom[0].configMapRef.name = 'missing';
    const text = crossReferenceIssues(objects).join('\n');
    expect(text).toMatch(/selector does not match/);
    expect(text).toMatch(/ConfigMap missing is not rendered/);
    expect(text).toMatch(/web pods must get no Secret/);
  });

  test('a privileged, root, latest-tagged container without probes or limits', () => {
    const objects = base();
    const api = mustFind(objects, 'Deployment', 'todo-chatbot-api');
    const spec = api.spec.template.spec;
    spec.securityContext = {};
    spec.hostNetwork = true;
    spec.automountServiceAccountToken = true;
    spec.volumes.push({ name: 'host', hostPath: { path: '/' } });
    const c = spec.containers[0];
    c.securityContext = { privileged: true, capabilities: { add: ['SYS_ADMIN'] } };
    c.image = 'todo-backend:latest';
    c.livenessProbe = undefined;
    c.resources = {};
    const text = policyIssues(objects).join('\n');
    for (const expected of [
      'host namespaces',
      'service account token',
      'volume type hostPath',
      'privileged',
      'allowPrivilegeEscalation',
      'runAsNonRoot',
      'seccompProfile',
      'drop ALL',
      'adds capabilities',
      'root filesystem',
      'resources.limits.memory',
      'no pinned tag',
      'livenessProbe missing',
    ]) {
      expect(text).toContain(expected);
    }
  });

  test('a Secret value, a private key or a URL password in a ConfigMap or an env value', () => {
    const objects = renderChart({ reminders: { email: { smtpUrl: 'smtp://u:pw-123456@mail' } } });
    const api = mustFind(objects, 'ConfigMap', 'todo-chatbot-api');
    const secret = mustFind(objects, 'Secret', 'todo-chatbot-api');
    api.data.LEAKED_AUTH = Buffer.from(secret.data.BETTER_AUTH_SECRET, 'base64').toString();
    api.data.LEAKED_KEY = Buffer.from(secret.data['vapid-private-key'], 'base64').toString();
    api.data.RELAY = 'smtp://other:hunter22@relay.example';
    const web = mustFind(objects, 'Deployment', 'todo-chatbot-web');
    web.spec.template.spec.containers[0].env = [
      { name: 'SMTP_URL', value: 'smtp://u:pw-123456@mail' },
    ];
    const text = secretExposureIssues(objects).join('\n');
    expect(text).toMatch(
      /ConfigMap\/todo-chatbot-api LEAKED_AUTH: holds the value of a Secret key/,
    );
    expect(text).toMatch(/ConfigMap\/todo-chatbot-api LEAKED_KEY: holds a private key/);
    expect(text).toMatch(/ConfigMap\/todo-chatbot-api RELAY: holds a URL with a password/);
    expect(text).toMatch(
      /Deployment\/todo-chatbot-web\/web env SMTP_URL: holds the value of a Secret key/,
    );
    expect(secretExposureIssues(renderChart())).toEqual([]);
  });

  test('schema validation reports unknown fields and wrong types on both versions', async () => {
    const objects = base();
    const api = mustFind(objects, 'Deployment', 'todo-chatbot-api');
    api.spec.replicas = 'two';
    api.spec.template.spec.containers[0].securityContxt = {};
    const issues120 = validate120([api])
      .map((i) => i.message)
      .join('\n');
    expect(issues120).toMatch(/replicas must be integer/);
    expect(issues120).toMatch(/securityContxt/);
    expect((await validateCurrent([api])).map((i) => i.message).join('\n')).toMatch(/replicas/);
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x' },
    };
    expect(validate120([hpa])[0]?.message).toMatch(/not served by Kubernetes 1.20/);
  });
});
