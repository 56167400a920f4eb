import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushChannel, pushPayload } from '../src/channels/push-channel.js';
import { parseVapidPrivateKey, resolveVapidKeys } from '../src/channels/vapid-keys.js';
import { ConfigError, loadEnv } from '../src/config/env.js';
import { pushSubscriptions } from '../src/db/schema/channels.js';
import { createInAppChannel } from '../src/reminders/in-app-channel.js';
import { PermanentChannelError } from '../src/reminders/reminder-channel.js';
import { apiAs } from './support/api.js';
import { makeTestTls, startPushService, type TestTls } from './support/channel-stand-ins.js';
import { dataChecksum } from './support/checksum.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { useTestApp } from './support/use-test-app.js';
import { signUp } from './support/users.js';

const tls = {} as TestTls;
let push: Awaited<ReturnType<typeof startPushService>>;
beforeAll(async () => {
  Object.assign(tls, await makeTestTls());
  push = await startPushService(tls);
});
afterAll(() => push.close());

// The stand-in push service listens on localhost at a random port.
const { t, users } = useTestApp({
  users: ['ada', 'bob'],
  env: { WEBHOOK_ALLOW_PRIVATE: 'true', VAPID_SUBJECT: 'mailto:ops@example.test' },
  outboundCa: () => tls.cert,
});
const ada = apiAs(t, users.ada);

const subscriptionsOf = (userId: string) =>
  t.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));

describe('Web Push channel', () => {
  it('subscribes a browser and delivers a VAPID-signed, encrypted test the browser can read', async () => {
    const { public_key } = await ada.ok('GET', '/api/v1/push/public-key');
    expect(public_key).toMatch(/^[\w-]{87}$/);
    const subscription = push.subscribe('ada-laptop');
    expect(await ada.ok('POST', '/api/v1/push/subscriptions', subscription, 201)).toEqual({
      subscriptions: 1,
    });
    const settings = await ada.ok('GET', '/api/v1/me/channels');
    expect(settings.push).toEqual({ available: true, enabled: true, subscriptions: 1 });

    const result = await ada.ok('POST', '/api/v1/me/channels/push/test');
    expect(push.failures).toEqual([]);
    expect(result).toMatchObject({ channel: 'push', status: 'delivered', status_code: 201 });
    const delivery = push.deliveries.at(-1);
    if (!delivery) throw new Error('the push service got nothing');
    expect(delivery.path).toBe('/ada-laptop');
    expect(delivery.vapidPublicKey).toBe(public_key);
    expect(delivery.claims).toMatchObject({ aud: push.origin, sub: 'mailto:ops@example.test' });
    expect(Number(delivery.ttl)).toBeGreaterThan(0);
    expect(delivery.payload).toMatchObject({
      title: 'Test from Todo Chatbot',
      body: 'If you can read this, your reminders will reach you here.',
      data: { kind: 'test', task_id: null, url: 'http://localhost:3000/settings' },
    });
    // A test has no notification behind it, so nothing to snooze.
    const payload = delivery.payload as { data: { notification_id: string | null } };
    expect(payload.data.notification_id).toBeNull();
  });

  it('a reminder push names its in-app notification, and Snooze with that id snoozes it', async () => {
    const task = await ada.ok('POST', '/api/v1/tasks', { title: 'Dentist' }, 201);
    const channel = createPushChannel({
      db: t.database.db,
      env: loadEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
      vapid: resolveVapidKeys(loadEnv({ DATA_DIR: 'memory://' })),
      extraCa: tls.cert,
    });
    const occurrenceKey = `reminder:${task.id}:2026-12-24T09:00:00.000Z`;
    // Sent before the in-app job ran: the push makes the notification it shows.
    await channel.send({
      occurrenceKey,
      kind: 'reminder',
      userId: users.ada.id,
      taskId: task.id,
      title: 'Dentist',
      body: 'in an hour',
      url: `/?task=${task.id}`,
      scheduledFor: '2026-12-24T09:00:00.000Z',
    });
    const payload = push.deliveries.at(-1)?.payload as { data: { notification_id: string } };
    const centre = await ada.ok('GET', '/api/v1/notifications');
    const shown = centre.items.find((item: { title: string }) => item.title === 'Dentist');
    expect(payload.data.notification_id).toBe(String(shown.id));
    // What the service worker's Snooze action sends.
    const snoozed = await ada.ok(
      'POST',
      `/api/v1/notifications/${payload.data.notification_id}/snooze`,
      {
        for: '10m',
      },
    );
    expect(snoozed.id).toBe(shown.id);
    // The in-app job arriving later adds no second notification.
    await createInAppChannel(t.database.db).send({
      occurrenceKey,
      kind: 'reminder',
      userId: users.ada.id,
      taskId: task.id,
      title: 'Dentist',
      body: 'in an hour',
      url: `/?task=${task.id}`,
      scheduledFor: '2026-12-24T09:00:00.000Z',
    });
    const after = await ada.ok('GET', '/api/v1/notifications');
    expect(after.items.filter((item: { title: string }) => item.title === 'Dentist')).toHaveLength(
      1,
    );
  });

  it('removes a subscription the push service says is gone (410), keeping the live one', async () => {
    const bob = apiAs(t, users.bob);
    await bob.ok('POST', '/api/v1/push/subscriptions', push.subscribe('bob-phone'), 201);
    const dead = { ...push.subscribe('unused'), endpoint: `${push.origin}/gone-bob-tablet` };
    await bob.ok('POST', '/api/v1/push/subscriptions', dead, 201);
    expect(await subscriptionsOf(users.bob.id)).toHaveLength(2);
    const result = await bob.ok('POST', '/api/v1/me/channels/push/test');
    expect(result.status).toBe('delivered');
    const left = await subscriptionsOf(users.bob.id);
    expect(left.map((row) => row.endpoint)).toEqual([`${push.origin}/bob-phone`]);

    // The last one gone too: logged as gone, nothing to retry, and push reads as not set up.
    await t.database.db
      .update(pushSubscriptions)
      .set({ endpoint: `${push.origin}/gone-bob-phone` })
      .where(eq(pushSubscriptions.userId, users.bob.id));
    const channel = createPushChannel({
      db: t.database.db,
      env: loadEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
      vapid: resolveVapidKeys(loadEnv({ DATA_DIR: 'memory://' })),
      extraCa: tls.cert,
    });
    const reminder = {
      occurrenceKey: 'reminder:9:2026-12-24T09:00:00.000Z',
      kind: 'reminder' as const,
      userId: users.bob.id,
      taskId: 9,
      title: 'Gifts',
      body: 'Wrap the gifts',
      url: '/?task=9',
      scheduledFor: '2026-12-24T09:00:00.000Z',
    };
    await channel.send(reminder);
    expect(await subscriptionsOf(users.bob.id)).toHaveLength(0);
    expect(await channel.enabledFor(users.bob.id)).toBe(false);
    const log = await bob.ok('GET', '/api/v1/me/channels/deliveries');
    expect(log.items[0]).toMatchObject({ channel: 'push', status: 'gone', status_code: 410 });
    await expect(
      channel.send({ ...reminder, occurrenceKey: 'reminder:9:2026-12-25T09:00:00.000Z' }),
    ).rejects.toBeInstanceOf(PermanentChannelError);
  });

  it('unsubscribes only the caller’s own browser', async () => {
    const subscription = push.subscribe('ada-phone');
    await ada.ok('POST', '/api/v1/push/subscriptions', subscription, 201);
    const query = `?endpoint=${encodeURIComponent(subscription.endpoint)}`;
    const bob = apiAs(t, users.bob);
    expect(await bob.ok('DELETE', `/api/v1/push/subscriptions${query}`)).toEqual({ removed: 0 });
    expect(await ada.ok('DELETE', `/api/v1/push/subscriptions${query}`)).toEqual({ removed: 1 });
    expect((await subscriptionsOf(users.ada.id)).map((row) => row.endpoint)).toEqual([
      `${push.origin}/ada-laptop`,
    ]);
  });

  it('refuses a bad subscription with a 400 and stores nothing', async () => {
    const good = push.subscribe('carol');
    const before = await dataChecksum(t.database.db);
    const bad: unknown[] = [
      { ...good, endpoint: 'http://push.example.com/x' },
      { ...good, endpoint: 'not a url' },
      { ...good, endpoint: `https://push.example.com/${'a'.repeat(2100)}` },
      { ...good, endpoint: 'https://user:pw@push.example.com/x' },
      { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 40) } },
      { ...good, keys: { ...good.keys, p256dh: `${good.keys.p256dh.slice(0, 86)}!` } },
      { ...good, keys: { ...good.keys, auth: 'AAAA' } },
      { ...good, keys: { p256dh: good.keys.p256dh } },
      { endpoint: good.endpoint },
      { ...good, extra: true },
      {},
    ];
    for (const payload of bad) {
      const response = await ada.call('POST', '/api/v1/push/subscriptions', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 120)).toBe(400);
    }
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});

describe('Web Push SSRF guard and configuration', () => {
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await createTestApp({}, { outboundCa: tls.cert });
  });
  afterAll(() => guarded.close());

  it('refuses endpoints on private addresses or odd ports without WEBHOOK_ALLOW_PRIVATE', async () => {
    const eve = apiAs(guarded, await signUp(guarded.app, 'eve'));
    const before = await dataChecksum(guarded.database.db);
    const keys = push.subscribe('eve').keys;
    for (const endpoint of [
      'https://127.0.0.1/push/1',
      'https://[::1]/push/1',
      'https://169.254.169.254/push/1',
      'https://[::ffff:10.0.0.1]/push/1',
      'https://push.example.com:8443/push/1',
    ]) {
      const response = await eve.call('POST', '/api/v1/push/subscriptions', { endpoint, keys });
      expect(response.statusCode, endpoint).toBe(400);
    }
    expect(await dataChecksum(guarded.database.db)).toBe(before);
  });

  it('checks the endpoint again when sending: a name that resolves to loopback is never called', async () => {
    const mallory = await signUp(guarded.app, 'mallory');
    const stored = push.subscribe('mallory');
    const before = push.deliveries.length;
    // As if a push service's name had been rebound to a loopback address after subscribing.
    await guarded.database.db.insert(pushSubscriptions).values({
      userId: mallory.id,
      endpoint: `https://localhost/mallory`,
      p256dh: stored.keys.p256dh,
      auth: stored.keys.auth,
    });
    const channel = createPushChannel({
      db: guarded.database.db,
      env: loadEnv({}),
      vapid: resolveVapidKeys(loadEnv({ DATA_DIR: 'memory://' })),
      extraCa: tls.cert,
    });
    const failure = await channel
      .send({
        occurrenceKey: 'reminder:1:rebound',
        kind: 'reminder',
        userId: mallory.id,
        taskId: 1,
        title: 'x',
        body: 'y',
        url: '/',
        scheduledFor: new Date().toISOString(),
      })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(PermanentChannelError);
    expect(String(failure.message)).toContain('loopback');
    expect(push.deliveries.length).toBe(before);
  });

  it('clips a long title and body so the payload fits what push services accept', () => {
    const payload = JSON.parse(
      pushPayload(
        { db: guarded.database.db, env: loadEnv({}), vapid: null },
        {
          occurrenceKey: 'digest:u:2026-12-24',
          kind: 'digest',
          userId: 'u',
          taskId: null,
          title: 'T'.repeat(500),
          body: '😀'.repeat(3000),
          url: '/',
          scheduledFor: new Date().toISOString(),
        },
      ),
    );
    expect(payload.title).toHaveLength(100);
    expect(Array.from(payload.body as string)).toHaveLength(600);
    expect(payload.body).toMatch(/^(😀)+…$/u);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(4000);
  });

  it('reads a PEM or base64url VAPID key, derives the public key, refuses anything else', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = publicKey.export({ format: 'jwk' });
    const expectedPublic = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x ?? '', 'base64url'),
      Buffer.from(jwk.y ?? '', 'base64url'),
    ]).toString('base64url');
    for (const pem of [
      privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    ]) {
      expect(parseVapidPrivateKey(pem).publicKey).toBe(expectedPublic);
    }
    const raw = privateKey.export({ format: 'jwk' }).d ?? '';
    expect(parseVapidPrivateKey(raw)).toEqual({ publicKey: expectedPublic, privateKey: raw });

    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const secp384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
    for (const bad of [
      rsa.export({ format: 'pem', type: 'pkcs8' }).toString(),
      secp384.export({ format: 'pem', type: 'pkcs8' }).toString(),
      '-----BEGIN EC PRIVATE KEY-----\nnot base64\n-----END EC PRIVATE KEY-----',
      'short',
      'A'.repeat(43),
    ]) {
      let thrown: unknown;
      try {
        parseVapidPrivateKey(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, bad.slice(0, 30)).toBeInstanceOf(ConfigError);
      expect(String(thrown)).not.toContain(bad.slice(0, 30));
    }
  });

  it('keeps a generated key in DATA_DIR (0600) in development, is off in production when unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vapid-'));
    const first = resolveVapidKeys(loadEnv({ DATA_DIR: dir }));
    const file = join(dir, 'vapid-private-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first?.privateKey);
    expect(resolveVapidKeys(loadEnv({ DATA_DIR: dir }))).toEqual(first);
    expect(
      resolveVapidKeys(
        loadEnv({ ENVIRONMENT: 'production', DATA_DIR: dir, BETTER_AUTH_SECRET: 'x'.repeat(40) }),
      ),
    ).toBeNull();
  });
});
