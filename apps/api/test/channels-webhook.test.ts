import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChannelSettings } from '../src/channels/channel-settings.js';
import { createWebhookChannel } from '../src/channels/webhook-channel.js';
import { loadEnv } from '../src/config/env.js';
import type { ReminderMessage } from '../src/reminders/reminder-channel.js';
import { PermanentChannelError } from '../src/reminders/reminder-channel.js';
import { apiAs } from './support/api.js';
import {
  makeTestTls,
  type Received,
  startHttpsReceiver,
  type TestTls,
} from './support/channel-stand-ins.js';
import { dataChecksum } from './support/checksum.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { useTestApp } from './support/use-test-app.js';
import { signUp } from './support/users.js';

const tls = {} as TestTls;
let receiver: Awaited<ReturnType<typeof startHttpsReceiver>>;
beforeAll(async () => {
  Object.assign(tls, await makeTestTls());
  receiver = await startHttpsReceiver(tls);
});
afterAll(() => receiver.close());

// The receiver listens on localhost at a random port: this app's operator allows private targets.
const { t, users } = useTestApp({
  users: ['ada', 'bob'],
  env: { WEBHOOK_ALLOW_PRIVATE: 'true' },
  outboundCa: () => tls.cert,
});
const ada = apiAs(t, users.ada);

/** What a receiver does: recompute the HMAC over "<t>.<body>" and compare in constant time. */
function verifySignature(request: Received, secret: string, now = Date.now()) {
  const header = String(request.headers['x-todo-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match?.[1] || !match[2]) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

const message = (userId: string, occurrenceKey: string): ReminderMessage => ({
  occurrenceKey,
  kind: 'reminder',
  userId,
  taskId: 7,
  title: 'Dentist',
  body: 'Dentist at 15:00',
  url: '/?task=7',
  scheduledFor: new Date().toISOString(),
});

describe('webhook channel', () => {
  it('shows the secret once, signs every body with it, and logs the delivery', async () => {
    const url = `${receiver.origin}/hook?token=abc`;
    const saved = await ada.ok('PATCH', '/api/v1/me/channels', { webhook: { url } });
    expect(saved.webhook).toMatchObject({ enabled: true, url });
    const secret: string = saved.webhook.secret;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const again = await ada.ok('GET', '/api/v1/me/channels');
    expect(again.webhook).toEqual({ enabled: true, url });

    const result = await ada.ok('POST', '/api/v1/me/channels/webhook/test');
    expect(result).toMatchObject({ channel: 'webhook', status: 'delivered', status_code: 204 });
    const request = receiver.received.at(-1);
    if (!request) throw new Error('the receiver got nothing');
    expect(request.path).toBe('/hook?token=abc');
    expect(request.headers['content-type']).toBe('application/json');
    expect(verifySignature(request, secret)).toBe(true);
    expect(verifySignature(request, `${secret}x`)).toBe(false);
    expect(verifySignature({ ...request, body: Buffer.from(`${request.body} `) }, secret)).toBe(
      false,
    );
    expect(verifySignature(request, secret, Date.now() + 10 * 60_000)).toBe(false);
    const body = JSON.parse(request.body.toString('utf8'));
    expect(body).toMatchObject({
      kind: 'test',
      title: 'Test from Todo Chatbot',
      type: 'info',
      url: 'http://localhost:3000/settings',
    });
    expect(body.id).toMatch(/^test:/);
    expect(request.headers['x-todo-delivery']).toBe(body.id);
    expect(request.headers['idempotency-key']).toBe(body.id);

    const log = await ada.ok('GET', '/api/v1/me/channels/deliveries');
    expect(log.items[0]).toMatchObject({
      channel: 'webhook',
      occurrence_key: body.id,
      kind: 'test',
      status: 'delivered',
      attempts: 1,
      status_code: 204,
      error: null,
    });
  });

  it('rotating the secret returns a new one and the old one stops verifying', async () => {
    const rotated = await ada.ok('PATCH', '/api/v1/me/channels', {
      webhook: { rotate_secret: true },
    });
    const secret: string = rotated.webhook.secret;
    await ada.ok('POST', '/api/v1/me/channels/webhook/test');
    const request = receiver.received.at(-1);
    if (!request) throw new Error('the receiver got nothing');
    expect(verifySignature(request, secret)).toBe(true);
  });

  it('delivers an occurrence once, counts failed attempts, and gives up on a 4xx or a redirect', async () => {
    const channel = createWebhookChannel({
      db: t.database.db,
      env: loadEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
      vapid: null,
      extraCa: tls.cert,
    });
    const key = `reminder:1:${Date.now()}`;
    receiver.answerWith(() => ({ status: 503, body: 'x'.repeat(100_000) }));
    await expect(channel.send(message(users.ada.id, key))).rejects.toThrow('answered 503');
    expect(await channel.send(message(users.ada.id, key)).catch((e) => e)).not.toBeInstanceOf(
      PermanentChannelError,
    );
    receiver.answerWith(() => ({ status: 200 }));
    const before = receiver.received.length;
    await channel.send(message(users.ada.id, key));
    await channel.send(message(users.ada.id, key)); // a retried job after success: not sent again
    expect(receiver.received.length).toBe(before + 1);
    const log = await ada.ok('GET', '/api/v1/me/channels/deliveries?limit=5');
    expect(
      log.items.find((item: { occurrence_key: string }) => item.occurrence_key === key),
    ).toMatchObject({ status: 'delivered', attempts: 3, status_code: 200 });

    const refusals: [number, Record<string, string>][] = [
      [410, {}],
      [302, { location: 'https://169.254.169.254/latest/meta-data/' }],
    ];
    for (const [status, headers] of refusals) {
      receiver.answerWith(() => ({ status, headers }));
      const failure = await channel.send(message(users.ada.id, `${key}:${status}`)).catch((e) => e);
      expect(failure).toBeInstanceOf(PermanentChannelError);
    }
    expect(receiver.received.filter((r) => r.path.startsWith('/latest'))).toHaveLength(0);
    receiver.answerWith(() => ({ status: 204 }));
  });

  it('keeps only the last 100 deliveries of a user, and the list is bounded', async () => {
    const channel = createWebhookChannel({
      db: t.database.db,
      env: loadEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
      vapid: null,
      extraCa: tls.cert,
    });
    const bob = apiAs(t, users.bob);
    await bob.ok('PATCH', '/api/v1/me/channels', { webhook: { url: `${receiver.origin}/bob` } });
    for (let i = 0; i < 105; i++) await channel.send(message(users.bob.id, `bulk:${i}`));
    const log = await bob.ok('GET', '/api/v1/me/channels/deliveries?limit=100');
    expect(log.items).toHaveLength(100);
    expect(log.items[0].occurrence_key).toBe('bulk:104');
    expect(log.items.at(-1).occurrence_key).toBe('bulk:5');
    expect((await bob.call('GET', '/api/v1/me/channels/deliveries?limit=101')).statusCode).toBe(
      400,
    );
    // Ada's log is hers alone.
    const adas = await ada.ok('GET', '/api/v1/me/channels/deliveries?limit=100');
    expect(
      adas.items.every(
        (item: { occurrence_key: string }) => !item.occurrence_key.startsWith('bulk:'),
      ),
    ).toBe(true);
  });

  it('limits tests per user and channel', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (await ada.call('POST', '/api/v1/me/channels/webhook/test')).statusCode;
    }
    expect(last).toBe(429);
  });
});

describe('webhook SSRF guard (WEBHOOK_ALLOW_PRIVATE unset)', () => {
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await createTestApp({}, { outboundCa: tls.cert });
  });
  afterAll(() => guarded.close());

  it('refuses every URL that is not https to a public address, storing nothing', async () => {
    const eve = apiAs(guarded, await signUp(guarded.app, 'eve'));
    const before = await dataChecksum(guarded.database.db);
    for (const url of [
      'https://127.0.0.1/hook',
      'https://127.1.2.3/hook',
      'https://[::1]/hook',
      'https://10.0.0.8/hook',
      'https://172.16.5.4/hook',
      'https://192.168.1.1/hook',
      'https://100.64.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fe80::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'https://[64:ff9b::7f00:1]/hook',
      'https://0.0.0.0/hook',
      'https://[::]/hook',
      'https://224.0.0.1/hook',
      'https://2130706433/hook',
      'https://0x7f.1/hook',
      'https://localhost/hook',
      'https://LOCALHOST./hook',
      `${receiver.origin}/hook`,
      'https://example.com:8443/hook',
      'https://user:pass@example.com/hook',
      'http://example.com/hook',
      'ftp://example.com/hook',
      'https://no-such-host.invalid/hook',
      'not a url',
      `https://example.com/${'a'.repeat(2100)}`,
    ]) {
      const response = await eve.call('PATCH', '/api/v1/me/channels', { webhook: { url } });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
    for (const payload of [
      {},
      { webhook: { url: 42 } },
      { webhook: { rotate_secret: true } },
      { webhook: { url: null, rotate_secret: true } },
      { email: { enabled: true } },
      { sms: { enabled: true } },
    ]) {
      const response = await eve.call('PATCH', '/api/v1/me/channels', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await eve.call('POST', '/api/v1/me/channels/sms/test')).statusCode).toBe(400);
    expect((await eve.call('POST', '/api/v1/me/channels/webhook/test')).statusCode).toBe(409);
    expect(await dataChecksum(guarded.database.db)).toBe(before);
    expect((await eve.ok('GET', '/api/v1/me/channels')).webhook).toEqual({
      enabled: false,
      url: null,
    });
  });

  it('checks again when sending: a stored URL that now resolves to loopback is never called', async () => {
    const mallory = await signUp(guarded.app, 'mallory');
    // As if the name had resolved to a public address when saved and was rebound since.
    await writeChannelSettings(guarded.database.db, mallory.id, {
      webhookUrl: 'https://localhost/hook',
      webhookSecret: 'whsec_test',
    });
    const channel = createWebhookChannel({
      db: guarded.database.db,
      env: loadEnv({}),
      vapid: null,
      extraCa: tls.cert,
    });
    const before = receiver.received.length;
    const failure = await channel.send(message(mallory.id, 'rebound:1')).catch((e) => e);
    expect(failure).toBeInstanceOf(PermanentChannelError);
    expect(String(failure.message)).toContain('loopback');
    expect(receiver.received.length).toBe(before);
  });
});
