// The chart's Grafana dashboard and alerting rules: rendered only with monitoring.enabled (and the
// Prometheus Operator's API for ServiceMonitor/PrometheusRule), the dashboard a well-formed
// Grafana dashboard, the rules parsed by promtool (Prometheus' own parser), and every metric they
// query served by a running API's /metrics (started from source on a throwaway PostgreSQL).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { type PostgresCluster, startPostgres } from '../support/postgres.ts';
import { type NodeProcess, startApiFromSource } from '../support/processes.ts';
import { chartDir, type K8sObject, mustFind, renderChart } from './render.ts';

const OPERATOR = ['monitoring.coreos.com/v1'];
const on = { monitoring: { enabled: true } };
/** Metrics that come from Prometheus itself or kube-state-metrics, not from the API. */
const NOT_FROM_THE_API = new Set([
  'up',
  'kube_cronjob_status_last_successful_time',
  'kube_cronjob_created',
]);

const dashboard = JSON.parse(
  readFileSync(join(chartDir, 'dashboards', 'todo-chatbot-api.json'), 'utf8'),
);
const dashboardExprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
  p.targets.map((t) => t.expr),
);
const rulesOf = (objects: K8sObject[]) =>
  mustFind(objects, 'PrometheusRule', 'todo-chatbot-api').spec;
const ruleExprs = (spec: { groups: { rules: { expr: string }[] }[] }) =>
  spec.groups.flatMap((g) => g.rules.map((r) => String(r.expr)));

/** Metric names of PromQL selectors (`name{...}`); the chart's queries always use braces. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1] as string);
}

function promtool(...args: string[]) {
  const res = spawnSync('promtool', args, { encoding: 'utf8' });
  if (res.error)
    throw new Error(`promtool is needed (Debian package prometheus): ${res.error.message}`);
  return { code: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('rendering', () => {
  test('off by default; the dashboard alone without the Prometheus Operator API', () => {
    const kinds = (objects: K8sObject[]) => objects.map((o) => o.kind);
    expect(kinds(renderChart())).not.toContain('ServiceMonitor');
    const noOperator = renderChart(on);
    expect(kinds(noOperator)).not.toContain('ServiceMonitor');
    expect(kinds(noOperator)).not.toContain('PrometheusRule');
    const cm = mustFind(noOperator, 'ConfigMap', 'todo-chatbot-dashboard');
    expect(cm.metadata.labels.grafana_dashboard).toBe('1');
    expect(JSON.parse(cm.data['todo-chatbot-api.json'])).toEqual(dashboard);
  });

  test('with the operator API: a ServiceMonitor on the API Service and a PrometheusRule', () => {
    const objects = renderChart(
      { ...on, monitoring: { enabled: true, labels: { release: 'kube-prometheus-stack' } } },
      { apiVersions: OPERATOR },
    );
    const sm = mustFind(objects, 'ServiceMonitor', 'todo-chatbot-api');
    expect(sm.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(sm.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s' }]);
    const api = mustFind(objects, 'Service', 'todo-chatbot-api');
    for (const [k, v] of Object.entries(sm.spec.selector.matchLabels))
      expect(api.metadata.labels[k]).toBe(v);
    expect(
      ruleExprs(rulesOf(objects)).every(
        (e) => e.includes('job="todo-chatbot-api"') || e.includes('kube_cronjob'),
      ),
    ).toBe(true);
    expect(rulesOf(objects).groups[0].rules.map((r: { alert: string }) => r.alert)).toEqual([
      'TodoChatbotApiDown',
      'TodoChatbotApiErrorRatio',
      'TodoChatbotApiLatencyP99',
      'TodoChatbotApiReadinessFlapping',
      'TodoChatbotApiDatabaseUnavailable',
      'TodoChatbotApiDatabasePoolExhausted',
      'TodoChatbotBackupTooOld',
    ]);
    // Prometheus may scrape the API port through the NetworkPolicy.
    const np = mustFind(objects, 'NetworkPolicy', 'todo-chatbot-api');
    expect(np.spec.ingress).toContainEqual({
      from: [
        {
          namespaceSelector: {},
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
        },
      ],
      ports: [{ port: 'http', protocol: 'TCP' }],
    });
  });
});

describe('the dashboard is a Grafana dashboard', () => {
  test('schema version, unique panel ids, grid positions, a query per panel on the chosen data source', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    const ids = dashboard.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) {
      expect(['timeseries', 'stat']).toContain(p.type);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own variable syntax
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets.length).toBeGreaterThan(0);
      for (const t of p.targets) expect(t.refId).toMatch(/^[A-Z]$/);
    }
    expect(dashboard.templating.list.map((v: { name: string }) => v.name)).toEqual([
      'datasource',
      'namespace',
      'job',
    ]);
  });

  test('covers requests, errors, latency, readiness, chat, MCP, memory and backups', () => {
    const titles = dashboard.panels.map((p: { title: string }) => p.title).join(' | ');
    for (const word of [
      'Request rate',
      'Errors',
      'Latency p99',
      'Readiness',
      'Chat turns',
      'tokens',
      'quota',
      'MCP',
      'Memory',
      'backup',
    ])
      expect(titles).toContain(word);
  });
});

describe('PromQL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('promtool check rules accepts the rendered PrometheusRule', () => {
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, stringify(rulesOf(renderChart(on, { apiVersions: OPERATOR }))));
    const res = promtool('check', 'rules', file);
    expect(res.output).toMatch(/SUCCESS: 7 rules found/);
    expect(res.code).toBe(0);
  });

  test('a broken expression is refused (the check can fail)', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      stringify({ groups: [{ name: 'x', rules: [{ alert: 'X', expr: 'sum(rate(x[5m])' }] }] }),
    );
    expect(promtool('check', 'rules', file).code).not.toBe(0);
  });

  test('every dashboard query parses (as a recording rule for promtool)', () => {
    const vars = (e: string) =>
      e
        .replaceAll('$__rate_interval', '5m')
        .replaceAll('$job', 'todo')
        .replaceAll('$namespace', 'todo');
    const file = join(dir, 'dashboard.yaml');
    writeFileSync(
      file,
      stringify({
        groups: [
          {
            name: 'dashboard',
            rules: dashboardExprs.map((e, i) => ({
              record: `dashboard:panel_${i}`,
              expr: vars(e),
            })),
          },
        ],
      }),
    );
    const res = promtool('check', 'rules', file);
    expect(res.output).toContain(`SUCCESS: ${dashboardExprs.length} rules found`);
  });
});

describe('every metric the dashboard and rules use exists', () => {
  let cluster: PostgresCluster;
  let api: NodeProcess;
  let served: Set<string>;

  beforeAll(async () => {
    cluster = await startPostgres();
    api = await startApiFromSource({
      ENVIRONMENT: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: await cluster.createDatabase('metrics'),
      BETTER_AUTH_SECRET: 'chart-suite-metrics-check-secret-0123456789',
    });
    // One request of each kind the queries look at, so labelled series exist too.
    await fetch(`${api.url}/api/v1/tasks`);
    const text = await (await fetch(`${api.url}/metrics`)).text();
    served = new Set<string>();
    for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      const [, metric, type] = m as unknown as [string, string, string];
      served.add(metric);
      if (type === 'histogram')
        for (const s of ['_bucket', '_count', '_sum']) served.add(metric + s);
      if (type === 'summary') for (const s of ['_count', '_sum']) served.add(metric + s);
    }
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    cluster?.destroy();
  });

  test('in the API /metrics (or from Prometheus and kube-state-metrics, named here)', () => {
    const rules = ruleExprs(rulesOf(renderChart(on, { apiVersions: OPERATOR })));
    const used = new Set([...dashboardExprs, ...rules].flatMap(metricNames));
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((m) => !served.has(m) && !NOT_FROM_THE_API.has(m));
    expect(missing).toEqual([]);
    expect(served.has('http_request_duration_seconds_bucket')).toBe(true);
  });
});

// The values file of the docs example parses and turns monitoring on.
test('values-production.yaml turns monitoring on', () => {
  const prod = parse(readFileSync(join(chartDir, 'values-production.yaml'), 'utf8'));
  expect(prod.monitoring.enabled).toBe(true);
});
