// biome-ignore-all lint/suspicious/noExplicitAny: Kubernetes objects and JSON schemas are free-form JSON.
// values.schema.json and the chart's validateValues reject bad values at `helm install` time, each
// with a message that names the value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chartDir, helmTemplate } from './render.ts';

const bad: { name: string; values: object; mentions: RegExp }[] = [
  {
    name: 'nodePort above 32767',
    values: { frontend: { service: { nodePort: 40000 } } },
    mentions: /\/frontend\/service\/nodePort/,
  },
  {
    name: 'nodePort below 30000',
    values: { frontend: { service: { nodePort: 8080 } } },
    mentions: /\/frontend\/service\/nodePort/,
  },
  {
    name: 'unknown service type',
    values: { frontend: { service: { type: 'External' } } },
    mentions: /\/frontend\/service\/type/,
  },
  {
    name: 'unknown pull policy',
    values: { global: { imagePullPolicy: 'Sometimes' } },
    mentions: /\/global\/imagePullPolicy/,
  },
  {
    name: 'negative replicas',
    values: { backend: { replicaCount: -1 } },
    mentions: /\/backend\/replicaCount/,
  },
  {
    name: 'replicas as a string',
    values: { frontend: { replicaCount: 'two' } },
    mentions: /\/frontend\/replicaCount/,
  },
  {
    name: 'memory quantity typo',
    values: { backend: { resources: { limits: { memory: '512MB' } } } },
    mentions: /\/backend\/resources\/limits\/memory/,
  },
  {
    name: 'cpu quantity typo',
    values: { frontend: { resources: { requests: { cpu: '1 core' } } } },
    mentions: /\/frontend\/resources\/requests\/cpu/,
  },
  {
    name: 'image tag latest',
    values: { backend: { image: { tag: 'latest' } } },
    mentions: /\/backend\/image\/tag/,
  },
  {
    name: 'global image tag latest',
    values: { global: { imageTag: 'latest' } },
    mentions: /\/global\/imageTag/,
  },
  {
    name: 'unknown log level',
    values: { config: { logLevel: 'verbose' } },
    mentions: /\/config\/logLevel/,
  },
  {
    name: 'unknown environment',
    values: { global: { environment: 'staging' } },
    mentions: /\/global\/environment/,
  },
  {
    name: 'unknown LLM provider',
    values: { config: { llmProvider: 'anthropic' } },
    mentions: /\/config\/llmProvider/,
  },
  {
    name: 'short BETTER_AUTH_SECRET',
    values: { secrets: { betterAuthSecret: 'short' } },
    mentions: /\/secrets\/betterAuthSecret/,
  },
  {
    name: 'database URL that is not PostgreSQL',
    values: { postgresql: { enabled: false }, secrets: { databaseUrl: 'mysql://x' } },
    mentions: /\/secrets\/databaseUrl/,
  },
  {
    name: 'misspelt key (additionalProperties)',
    values: { frontend: { replicas: 2 } },
    mentions: /\/frontend.*replicas/,
  },
  { name: 'unknown top-level key', values: { frontEnd: {} }, mentions: /frontEnd/ },
  {
    name: 'public URL with a path',
    values: { config: { publicUrl: 'http://x.example/app' } },
    mentions: /\/config\/publicUrl/,
  },
  {
    name: 'port out of range',
    values: { backend: { service: { port: 70000 } } },
    mentions: /\/backend\/service\/port/,
  },
  {
    name: 'anti-affinity mode',
    values: { backend: { podAntiAffinity: 'always' } },
    mentions: /\/backend\/podAntiAffinity/,
  },
  {
    name: 'ingress path without slash',
    values: { ingress: { enabled: true, hosts: [{ host: 'a.b', paths: [{ path: 'api' }] }] } },
    mentions: /\/ingress\/hosts\/0\/paths\/0\/path/,
  },
  {
    name: 'ingress path to an unknown service',
    values: {
      ingress: { enabled: true, hosts: [{ host: 'a.b', paths: [{ path: '/', service: 'db' }] }] },
    },
    mentions: /\/ingress\/hosts\/0\/paths\/0\/service/,
  },
  {
    name: 'HPA target over 100%',
    values: { autoscaling: { backend: { targetCPUUtilizationPercentage: 150 } } },
    mentions: /\/autoscaling\/backend\/targetCPUUtilizationPercentage/,
  },
  {
    name: 'PostgreSQL password not URL-safe',
    values: { postgresql: { auth: { password: 'p@ss word' } } },
    mentions: /\/postgresql\/auth\/password/,
  },
  {
    name: 'existingSecretKeys value that is no Secret key name',
    values: { existingSecret: 's', existingSecretKeys: { betterAuthSecret: 'JWT SECRET' } },
    mentions: /\/existingSecretKeys\/betterAuthSecret/,
  },
  {
    name: 'existingSecretKeys for a key the chart does not know',
    values: { existingSecret: 's', existingSecretKeys: { jwtSecret: 'JWT_SECRET' } },
    mentions: /existingSecretKeys.*jwtSecret/,
  },
  {
    name: 'MCP key shorter than 32 characters',
    values: { secrets: { mcpApiKey: 'mcp-test' } },
    mentions: /\/secrets\/mcpApiKey/,
  },
  {
    name: 'MCP key that is the .env.example placeholder',
    values: { secrets: { mcpApiKey: 'change-me-to-a-random-string-of-32-chars-or-more' } },
    mentions: /\/secrets\/mcpApiKey/,
  },
  {
    name: 'auth secret that is the .env.example placeholder',
    values: { secrets: { betterAuthSecret: 'change-me-to-a-random-string-of-32-chars-or-more' } },
    mentions: /\/secrets\/betterAuthSecret/,
  },
  {
    name: 'negative TRUST_PROXY_HOPS',
    values: { config: { trustProxyHops: -1 } },
    mentions: /\/config\/trustProxyHops/,
  },
  {
    name: 'TRUST_PROXY_HOPS as a string',
    values: { config: { trustProxyHops: 'two' } },
    mentions: /\/config\/trustProxyHops/,
  },
  {
    name: 'negative chat quota',
    values: { config: { chatMaxMessagesPerDay: -5 } },
    mentions: /\/config\/chatMaxMessagesPerDay/,
  },
  {
    name: 'fractional token quota',
    values: { config: { chatMaxTokensPerMonth: 1.5 } },
    mentions: /\/config\/chatMaxTokensPerMonth/,
  },
  {
    name: 'LLM egress range that is no CIDR',
    values: { networkPolicy: { llmEgressBlocks: [{ cidr: 'everywhere' }] } },
    mentions: /\/networkPolicy\/llmEgressBlocks\/0\/cidr/,
  },
  {
    name: 'VAPID subject over http',
    values: { reminders: { webPush: { subject: 'http://x' } } },
    mentions: /\/reminders\/webPush\/subject/,
  },
  {
    name: 'VAPID subject without a scheme',
    values: { reminders: { webPush: { subject: 'admin@example.com' } } },
    mentions: /\/reminders\/webPush\/subject/,
  },
  {
    name: 'reminder concurrency 0',
    values: { reminders: { concurrency: 0 } },
    mentions: /\/reminders\/concurrency/,
  },
  {
    name: 'reminder concurrency above 50',
    values: { reminders: { concurrency: 51 } },
    mentions: /\/reminders\/concurrency/,
  },
  {
    name: 'fractional reminder concurrency',
    values: { reminders: { concurrency: 2.5 } },
    mentions: /\/reminders\/concurrency/,
  },
  {
    name: 'reminders.enabled as a string',
    values: { reminders: { enabled: 'yes' } },
    mentions: /\/reminders\/enabled/,
  },
  {
    name: 'allowPrivate as a string',
    values: { reminders: { webhook: { allowPrivate: 'true' } } },
    mentions: /\/reminders\/webhook\/allowPrivate/,
  },
  {
    name: 'From address over two lines (header injection)',
    values: { reminders: { email: { from: 'a@example.com\nBcc: all@example.com' } } },
    mentions: /\/reminders\/email\/from/,
  },
  {
    name: 'empty From address',
    values: { reminders: { email: { from: '' } } },
    mentions: /\/reminders\/email\/from/,
  },
  {
    name: 'misspelt reminders key',
    values: { reminders: { concurency: 5 } },
    mentions: /\/reminders.*concurency/,
  },
  {
    name: 'existingSecretKeys.smtpUrl that is no Secret key name',
    values: { existingSecret: 's', existingSecretKeys: { smtpUrl: 'smtp url' } },
    mentions: /\/existingSecretKeys\/smtpUrl/,
  },
  // Cross-value rules (templates/_validate.tpl).
  {
    name: 'existingSecret with an SMTP URL in values',
    values: { existingSecret: 'mine', reminders: { email: { smtpUrl: 'smtp://u:p@mail' } } },
    mentions:
      /existingSecret is set, so reminders\.email\.smtpUrl would be ignored: put the URL into the existing Secret and set existingSecretKeys\.smtpUrl/,
  },
  {
    name: 'existingSecret with a VAPID key in values',
    values: {
      existingSecret: 'mine',
      reminders: { webPush: { vapidPrivateKey: 'Ik_VM6So28I5B9XI4TyHkOa1l5Cr_duSoF5GcyaINuc' } },
    },
    mentions: /existingSecret is set, so reminders\.webPush\.vapidPrivateKey would be ignored/,
  },
  {
    name: 'existingSecretKeys.smtpUrl without existingSecret',
    values: { existingSecretKeys: { smtpUrl: 'smtp-url' } },
    mentions: /existingSecretKeys \(smtpUrl\) name keys of existingSecret, which is empty/,
  },
  {
    name: 'no database at all',
    values: { postgresql: { enabled: false } },
    mentions: /postgresql\.enabled is false but no database is configured/,
  },
  {
    name: 'external URL with in-cluster PostgreSQL on',
    values: { secrets: { databaseUrl: 'postgresql://a:b@c/d' } },
    mentions: /secrets\.databaseUrl is set while postgresql\.enabled is true/,
  },
  {
    name: 'nodePort with type ClusterIP',
    values: { web: { service: { type: 'ClusterIP' } } },
    mentions: /web\.service\.nodePort is 30080 but web\.service\.type is ClusterIP/,
  },
  {
    name: 'existingSecret with secrets.* given',
    values: { existingSecret: 'mine', secrets: { openaiApiKey: 'sk' } },
    mentions: /existingSecret is set, so secrets\.\* would be ignored/,
  },
  {
    name: 'HPA min above max',
    values: { autoscaling: { enabled: true, web: { minReplicas: 4, maxReplicas: 2 } } },
    mentions:
      /autoscaling\.web\.minReplicas \(4\) is greater than autoscaling\.web\.maxReplicas \(2\)/,
  },
  {
    name: 'grace period shorter than preStop',
    values: { api: { terminationGracePeriodSeconds: 5, preStopSeconds: 10 } },
    mentions: /api\.terminationGracePeriodSeconds must be greater than api\.preStopSeconds/,
  },
  {
    name: 'same nodePort twice',
    values: { api: { service: { type: 'NodePort', nodePort: 30080 } } },
    mentions: /web\.service\.nodePort and api\.service\.nodePort are the same port/,
  },
  {
    name: 'the older key names go through the same rules',
    values: { backend: { terminationGracePeriodSeconds: 5, preStopSeconds: 10 } },
    mentions: /api\.terminationGracePeriodSeconds must be greater than api\.preStopSeconds/,
  },
  {
    name: 'CloudNativePG without its CRD in the cluster',
    values: { postgresql: { mode: 'cloudnativepg' } },
    mentions:
      /postgresql\.mode is cloudnativepg but this cluster does not serve postgresql\.cnpg\.io\/v1: install the CloudNativePG operator first/,
  },
  {
    name: 'unknown PostgreSQL mode',
    values: { postgresql: { mode: 'patroni' } },
    mentions: /\/postgresql\/mode/,
  },
  {
    name: 'existingSecretKeys without existingSecret',
    values: { existingSecretKeys: { betterAuthSecret: 'JWT_SECRET' } },
    mentions: /existingSecretKeys \(betterAuthSecret\) name keys of existingSecret, which is empty/,
  },
  {
    name: 'existingSecretKeys.databaseUrl with in-cluster PostgreSQL',
    values: { existingSecret: 's', existingSecretKeys: { databaseUrl: 'database-url' } },
    mentions: /existingSecretKeys\.databaseUrl is set while postgresql\.enabled is true/,
  },
];

describe('bad values fail with a message naming the value', () => {
  test.each(bad)('$name', ({ values, mentions }) => {
    const res = helmTemplate(values);
    expect(res.ok).toBe(false);
    expect(res.stderr).toMatch(mentions);
  });
});

describe('bad reminder secrets fail naming the value, never showing it', () => {
  const smtp = (smtpUrl: string) => ({ reminders: { email: { smtpUrl } } });
  const notSmtp = /reminders\.email\.smtpUrl is not an smtp:\/\/ or smtps:\/\/ URL/;
  test.each([
    ['another scheme', smtp('http://user:pw-Secret-1@mail.example.com'), notSmtp],
    ['a broken percent-escape', smtp('smtp://user:pw-Secret-1%zz@mail.example.com'), notSmtp],
    ['a space', smtp('smtp://user:pw-Secret-1@mail example.com'), notSmtp],
    [
      'port 0',
      smtp('smtp://user:pw-Secret-1@mail.example.com:0'),
      /smtpUrl names a port outside 1-65535/,
    ],
    [
      'port 70000',
      smtp('smtp://user:pw-Secret-1@mail.example.com:70000'),
      /smtpUrl names a port outside 1-65535/,
    ],
    [
      'a VAPID key that is no key',
      { reminders: { webPush: { vapidPrivateKey: 'pw-Secret-1-not-a-key' } } },
      /reminders\.webPush\.vapidPrivateKey is neither a PEM EC private key nor the 43-character base64url key/,
    ],
  ] as [string, object, RegExp][])('%s', (_, values, mentions) => {
    const res = helmTemplate(values);
    expect(res.ok).toBe(false);
    expect(res.stderr).toMatch(mentions);
    expect(res.stdout + res.stderr).not.toContain('pw-Secret-1');
  });

  test('well-formed ones pass: userinfo, IPv6, a query, both key forms', () => {
    for (const smtpUrl of [
      'smtps://apikey:p%40ss@smtp.example.com',
      'smtp://[2001:db8::1]:25',
      'smtp://relay.example.com:2525/?pool=true',
    ]) {
      expect(helmTemplate(smtp(smtpUrl)).stderr, smtpUrl).toBe('');
    }
    expect(
      helmTemplate({
        reminders: { webPush: { vapidPrivateKey: 'Ik_VM6So28I5B9XI4TyHkOa1l5Cr_duSoF5GcyaINuc' } },
      }).ok,
    ).toBe(true);
  });
});

describe('values.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8'));
  const valuesText = readFileSync(join(chartDir, 'values.yaml'), 'utf8');
  const params = [...valuesText.matchAll(/## @param (\S+) /g)].map((m) => m[1] as string);

  const leaves = (node: any, path: string[] = []): string[] =>
    node.properties
      ? Object.entries(node.properties).flatMap(([k, v]) => leaves(v, [...path, k]))
      : [path.join('.')];

  // The older names of the two apps take the same keys as the new ones (values files written for
  // them keep working); they are one @param each.
  const ALIASES: [string[], string[]][] = [
    [['frontend'], ['web']],
    [['backend'], ['api']],
    [
      ['autoscaling', 'frontend'],
      ['autoscaling', 'web'],
    ],
    [
      ['autoscaling', 'backend'],
      ['autoscaling', 'api'],
    ],
  ];
  const at = (path: string[]) =>
    path.reduce((node: any, key) => node.properties[key], schema as any);

  test('every value has a schema entry and a @param description, and the reverse', () => {
    const withoutAliases = structuredClone(schema);
    for (const [alias] of ALIASES) {
      const parent = alias.slice(0, -1).reduce((n: any, k) => n.properties[k], withoutAliases);
      parent.properties[alias.at(-1) as string] = { description: 'alias' };
    }
    expect(leaves(withoutAliases).sort()).toEqual([...params].sort());
  });

  test('the older names frontend/backend take exactly the keys of web/api, none required', () => {
    const withoutRequired = (node: any): any =>
      JSON.parse(
        JSON.stringify(node, (k, v) => (k === 'required' || k === 'description' ? undefined : v)),
      );
    for (const [alias, target] of ALIASES)
      expect(withoutRequired(at(alias))).toEqual(withoutRequired(at(target)));
  });

  test('every schema node is described and every object forbids unknown keys', () => {
    const walk = (node: any, path: string): string[] => {
      const problems: string[] = [];
      if (path && !node.description) problems.push(`${path}: no description`);
      if (node.properties && node.additionalProperties !== false)
        problems.push(`${path}: additionalProperties`);
      for (const [k, v] of Object.entries(node.properties ?? {}))
        problems.push(...walk(v, path ? `${path}.${k}` : k));
      return problems;
    };
    expect(walk(schema, '')).toEqual([]);
  });

  test('the defaults and the committed example satisfy the schema', () => {
    expect(helmTemplate({}).ok).toBe(true);
    const example = helmTemplate(
      {},
      { valuesFiles: [join(chartDir, 'values-local.example.yaml')] },
    );
    expect(example.stderr).toBe('');
    expect(example.ok).toBe(true);
  });
});
