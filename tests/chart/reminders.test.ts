// Reminders in the chart (docs/decisions/059): the API's env from the ConfigMap and the Secret,
// the VAPID key generated once and kept across upgrades (helm's lookup against a Kubernetes API
// stand-in), existingSecret keys, the SMTP URL kept out of every ConfigMap, and the NetworkPolicy
// egress rule for push services, webhooks and SMTP.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { crossReferenceIssues, secretExposureIssues } from './checks.ts';
import { type KubeApi, renderOnCluster, startKubeApi } from './kube-api.ts';
import {
  containerEnv,
  deploymentOf,
  find,
  type K8sObject,
  must,
  mustFind,
  renderChart,
} from './render.ts';

const API = 'todo-chatbot-api';
const SMTP = 'smtp://reminders:relay-secret-1@smtp.example.com:2525';

const apiContainer = (objects: K8sObject[]) =>
  deploymentOf(objects, 'api').spec.template.spec.containers[0];
const envEntry = (objects: K8sObject[], name: string) =>
  (apiContainer(objects).env ?? []).find((e: { name: string }) => e.name === name);
const secretValue = (objects: K8sObject[], name: string, key: string) => {
  const data = mustFind(objects, 'Secret', name).data ?? {};
  return key in data ? Buffer.from(data[key], 'base64').toString('utf8') : undefined;
};
const vapidKeyOf = (objects: K8sObject[]) =>
  must(secretValue(objects, API, 'vapid-private-key'), 'a vapid-private-key in the Secret');

/** A usable Web Push key: a P-256 private key whose ES256 signature its public key verifies. */
function expectP256PrivateKey(pem: string) {
  expect(pem).toMatch(
    /^-----BEGIN EC PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END EC PRIVATE KEY-----\n?$/,
  );
  const key = createPrivateKey(pem);
  expect(key.asymmetricKeyType).toBe('ec');
  expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  const data = Buffer.from('vapid');
  const signature = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  expect(signature).toHaveLength(64);
  expect(
    verify('sha256', data, { key: createPublicKey(key), dsaEncoding: 'ieee-p1363' }, signature),
  ).toBe(true);
}

/** Where the API container gets `name` from: its ConfigMap's key, or a Secret key reference. */
function sourceOf(objects: K8sObject[], name: string) {
  const c = apiContainer(objects);
  const entry = envEntry(objects, name);
  if (entry?.valueFrom?.secretKeyRef) return { secretKeyRef: entry.valueFrom.secretKeyRef };
  if (entry) return { value: entry.value };
  const configMap = c.envFrom.find((s: { configMapRef?: object }) => s.configMapRef)?.configMapRef;
  const data = mustFind(objects, 'ConfigMap', configMap.name).data;
  return name in data ? { configMap: configMap.name } : undefined;
}

const REMINDER_CONFIG = [
  'REMINDERS_ENABLED',
  'REMINDERS_CONCURRENCY',
  'VAPID_SUBJECT',
  'WEBHOOK_ALLOW_PRIVATE',
  'SMTP_FROM',
];

describe('env of the API pods', () => {
  test('defaults: workers on, 5 at once, the contract defaults; the VAPID key from the Secret; no email', () => {
    const objects = renderChart();
    for (const name of REMINDER_CONFIG)
      expect(sourceOf(objects, name), name).toEqual({ configMap: API });
    expect(containerEnv(objects, 'api')).toMatchObject({
      REMINDERS_ENABLED: 'true',
      REMINDERS_CONCURRENCY: '5',
      VAPID_SUBJECT: 'mailto:admin@localhost',
      WEBHOOK_ALLOW_PRIVATE: 'false',
      SMTP_FROM: 'Todo Chatbot <no-reply@localhost>',
    });
    expect(sourceOf(objects, 'VAPID_PRIVATE_KEY')).toEqual({
      secretKeyRef: { name: API, key: 'vapid-private-key' },
    });
    expect(containerEnv(objects, 'api').VAPID_PRIVATE_KEY).toBe(vapidKeyOf(objects));
    expect(sourceOf(objects, 'SMTP_URL')).toBeUndefined();
    expect(secretValue(objects, API, 'smtp-url')).toBeUndefined();
    const web = containerEnv(objects, 'web');
    for (const name of [...REMINDER_CONFIG, 'VAPID_PRIVATE_KEY', 'SMTP_URL'])
      expect(web[name], `web ${name}`).toBeUndefined();
  });

  test('every value reaches its variable; the SMTP URL only through the Secret key smtp-url', () => {
    const objects = renderChart({
      reminders: {
        enabled: false,
        concurrency: 50,
        webPush: { subject: 'https://todo.example.com/contact' },
        webhook: { allowPrivate: true },
        email: { smtpUrl: SMTP, from: 'Reminders <r@todo.example.com>' },
      },
    });
    expect(containerEnv(objects, 'api')).toMatchObject({
      REMINDERS_ENABLED: 'false',
      REMINDERS_CONCURRENCY: '50',
      VAPID_SUBJECT: 'https://todo.example.com/contact',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SMTP_FROM: 'Reminders <r@todo.example.com>',
      SMTP_URL: SMTP,
    });
    expect(sourceOf(objects, 'SMTP_URL')).toEqual({ secretKeyRef: { name: API, key: 'smtp-url' } });
    expect(secretValue(objects, API, 'smtp-url')).toBe(SMTP);
    expect(crossReferenceIssues(objects)).toEqual([]);
  });

  test.each([
    ['defaults', {}],
    ['email on', { reminders: { email: { smtpUrl: SMTP } } }],
    ['workers off', { reminders: { enabled: false } }],
    [
      'external database',
      { postgresql: { enabled: false }, secrets: { databaseUrl: 'postgresql://u:p@db.example/x' } },
    ],
    ['older key names', { backend: { replicaCount: 2 }, reminders: { concurrency: 1 } }],
    ['another release', {}, 'demo'],
  ] as [string, object, string?][])(
    '%s: every reminder variable is wired to a key that exists; no secret in a ConfigMap',
    (_, values, release) => {
      const objects = renderChart(values, { release });
      const name = `${release ? `${release}-` : ''}todo-chatbot-api`;
      for (const v of REMINDER_CONFIG) expect(sourceOf(objects, v), v).toEqual({ configMap: name });
      const ref = sourceOf(objects, 'VAPID_PRIVATE_KEY')?.secretKeyRef;
      expect(ref).toEqual({ name, key: 'vapid-private-key' });
      expectP256PrivateKey(must(secretValue(objects, name, ref.key), 'the referenced key'));
      expect(crossReferenceIssues(objects)).toEqual([]);
      expect(secretExposureIssues(objects, [SMTP])).toEqual([]);
      for (const cm of objects.filter((o) => o.kind === 'ConfigMap'))
        expect(Object.keys(cm.data ?? {}), cm.metadata.name).not.toContain('SMTP_URL');
    },
  );
});

describe('the VAPID key', () => {
  test('is a P-256 private key in PEM, new for each fresh install', () => {
    const a = vapidKeyOf(renderChart());
    const b = vapidKeyOf(renderChart());
    expectP256PrivateKey(a);
    expectP256PrivateKey(b);
    expect(a).not.toBe(b);
  });

  test('given in values (PEM or web-push base64url) it is used as given', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    expect(vapidKeyOf(renderChart({ reminders: { webPush: { vapidPrivateKey: pem } } }))).toBe(pem);
    const raw = privateKey.export({ format: 'jwk' }).d as string;
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const objects = renderChart({ reminders: { webPush: { vapidPrivateKey: raw } } });
    expect(containerEnv(objects, 'api').VAPID_PRIVATE_KEY).toBe(raw);
  });

  describe('kept across upgrades (helm lookup against a Kubernetes API stand-in)', () => {
    let cluster: KubeApi;
    beforeAll(async () => {
      cluster = await startKubeApi();
    });
    afterAll(() => cluster?.close());

    test('a second render finds the installed Secret: same key and auth secret; from then on the same checksum', async () => {
      const first = await renderOnCluster(cluster, {}, { namespace: 'keep' });
      expect(cluster.lookups).toContain(`/api/v1/namespaces/keep/secrets/${API}`);
      const key = vapidKeyOf(first);
      expectP256PrivateKey(key);
      cluster.install(first, 'keep');
      const second = await renderOnCluster(cluster, {}, { namespace: 'keep' });
      expect(vapidKeyOf(second)).toBe(key);
      expect(secretValue(second, API, 'BETTER_AUTH_SECRET')).toBe(
        secretValue(first, API, 'BETTER_AUTH_SECRET'),
      );
      // The install's checksum hashes a second, throwaway generation (ADR 059); every upgrade
      // after it hashes the stored Secret, so unchanged values never roll the pods.
      cluster.install(second, 'keep');
      const third = await renderOnCluster(cluster, {}, { namespace: 'keep' });
      const checksum = (o: K8sObject[]) =>
        deploymentOf(o, 'api').spec.template.metadata.annotations['checksum/secret'];
      expect(checksum(third)).toBe(checksum(second));
      expect(vapidKeyOf(third)).toBe(key);
      // Without the stored Secret (another namespace) the key is a new one.
      expect(vapidKeyOf(await renderOnCluster(cluster, {}, { namespace: 'fresh' }))).not.toBe(key);
    });

    test('upgrading a release made before reminders adds a key once and keeps it from then on', async () => {
      const before = await renderOnCluster(cluster, {}, { namespace: 'older' });
      const secret = mustFind(before, 'Secret', API);
      delete secret.data['vapid-private-key'];
      cluster.install(before, 'older');
      const upgraded = await renderOnCluster(cluster, {}, { namespace: 'older' });
      expect(secretValue(upgraded, API, 'BETTER_AUTH_SECRET')).toBe(
        secretValue(before, API, 'BETTER_AUTH_SECRET'),
      );
      const key = vapidKeyOf(upgraded);
      expectP256PrivateKey(key);
      cluster.install(upgraded, 'older');
      expect(vapidKeyOf(await renderOnCluster(cluster, {}, { namespace: 'older' }))).toBe(key);
    });

    test('the Secret under its older name (-backend) is found too; a key given in values wins', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const stored = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
      cluster.put(
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'todo-chatbot-backend' },
          data: {
            BETTER_AUTH_SECRET: Buffer.from('a'.repeat(48)).toString('base64'),
            'vapid-private-key': Buffer.from(stored).toString('base64'),
          },
        },
        'renamed',
      );
      expect(vapidKeyOf(await renderOnCluster(cluster, {}, { namespace: 'renamed' }))).toBe(stored);
      const given = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        .privateKey.export({ type: 'sec1', format: 'pem' })
        .toString();
      const objects = await renderOnCluster(
        cluster,
        { reminders: { webPush: { vapidPrivateKey: given } } },
        { namespace: 'renamed' },
      );
      expect(vapidKeyOf(objects)).toBe(given);
    });
  });
});

describe('existingSecret', () => {
  const userSecret = (data: Record<string, string>): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'todo-secrets' },
    data: Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
  });

  test('the VAPID key is read from its key vapid-private-key, optional (a Secret made before reminders still starts)', () => {
    const objects = renderChart({ existingSecret: 'todo-secrets' });
    expect(find(objects, 'Secret', API)).toBeUndefined();
    expect(sourceOf(objects, 'VAPID_PRIVATE_KEY')).toEqual({
      secretKeyRef: { name: 'todo-secrets', key: 'vapid-private-key', optional: true },
    });
    expect(sourceOf(objects, 'SMTP_URL')).toBeUndefined();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const withKey = [...objects, userSecret({ 'vapid-private-key': pem })];
    expect(containerEnv(withKey, 'api').VAPID_PRIVATE_KEY).toBe(pem);
    const without = [...objects, userSecret({ BETTER_AUTH_SECRET: 'b'.repeat(40) })];
    expect(containerEnv(without, 'api').VAPID_PRIVATE_KEY).toBeUndefined();
    expect(crossReferenceIssues(without, { existingSecret: 'todo-secrets' })).toEqual([]);
  });

  test('mapped keys are required references; mapping smtpUrl turns email on (587 and 465 open)', () => {
    const objects = renderChart({
      existingSecret: 'todo-secrets',
      existingSecretKeys: { vapidPrivateKey: 'push-key', smtpUrl: 'smtp-url' },
    });
    expect(sourceOf(objects, 'VAPID_PRIVATE_KEY')).toEqual({
      secretKeyRef: { name: 'todo-secrets', key: 'push-key' },
    });
    expect(sourceOf(objects, 'SMTP_URL')).toEqual({
      secretKeyRef: { name: 'todo-secrets', key: 'smtp-url' },
    });
    const env = containerEnv(
      [...objects, userSecret({ 'push-key': 'k'.repeat(43), 'smtp-url': SMTP })],
      'api',
    );
    expect(env).toMatchObject({ VAPID_PRIVATE_KEY: 'k'.repeat(43), SMTP_URL: SMTP });
    expect(reminderRule(objects)?.ports).toEqual([
      { port: 443, protocol: 'TCP' },
      { port: 587, protocol: 'TCP' },
      { port: 465, protocol: 'TCP' },
    ]);
  });
});

/** The API's egress rule of the reminders: the one that opens 443 and lists loopback as except. */
function reminderRule(objects: K8sObject[]) {
  const policy = mustFind(objects, 'NetworkPolicy', API);
  const rules = policy.spec.egress.filter(
    (r: { to?: { ipBlock?: { cidr: string; except?: string[] } }[]; ports?: { port: number }[] }) =>
      r.ports?.some((p) => p.port === 443) &&
      r.to?.some(
        (t) =>
          t.ipBlock?.except?.includes('127.0.0.0/8') ||
          (t.ipBlock?.cidr === '0.0.0.0/0' && !t.ipBlock.except),
      ),
  );
  expect(rules.length).toBeLessThanOrEqual(1);
  return rules[0];
}

describe('NetworkPolicy egress of the reminders', () => {
  const blocked = {
    v4: [
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
    ],
    v6: ['fc00::/7', '::1/128', 'fe80::/10', '::ffff:0:0/96'],
  };
  const ports = (...numbers: number[]) => numbers.map((port) => ({ port, protocol: 'TCP' }));

  test('on by default: 443 to anywhere but private, loopback and link-local ranges', () => {
    expect(reminderRule(renderChart())).toEqual({
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: blocked.v4 } },
        { ipBlock: { cidr: '::/0', except: blocked.v6 } },
      ],
      ports: ports(443),
    });
  });

  test.each([
    ['smtp://relay.example.com:2525', [443, 2525]],
    ['smtps://u:p@relay.example.com', [443, 465]],
    ['smtp://u:p@relay.example.com', [443, 587]],
    ['smtps://u:p@relay.example.com:443', [443]],
    ['smtp://u:p@[2001:db8::1]:25', [443, 25]],
  ])('email through %s opens %j', (smtpUrl, expected) => {
    const rule = reminderRule(renderChart({ reminders: { email: { smtpUrl } } }));
    expect(rule?.ports).toEqual(ports(...expected));
    expect(rule?.to[0].ipBlock.except).toEqual(blocked.v4);
  });

  test('allowPrivate drops the excepts (ntfy in the cluster), on the same ports', () => {
    const rule = reminderRule(
      renderChart({ reminders: { webhook: { allowPrivate: true }, email: { smtpUrl: SMTP } } }),
    );
    expect(rule).toEqual({
      to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
      ports: ports(443, 2525),
    });
  });

  test('reminders off: no such rule, and nothing else of the API policy changes', () => {
    const on = mustFind(renderChart(), 'NetworkPolicy', API);
    const off = mustFind(renderChart({ reminders: { enabled: false } }), 'NetworkPolicy', API);
    expect(reminderRule([off])).toBeUndefined();
    expect(off.spec.egress).toEqual(
      on.spec.egress.filter((r: unknown) => r !== reminderRule([on])),
    );
    expect(off.spec.egress).toHaveLength(on.spec.egress.length - 1);
    expect(off.spec.ingress).toEqual(on.spec.ingress);
    const noPolicies = renderChart({ networkPolicy: { enabled: false } });
    expect(noPolicies.filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
  });
});
