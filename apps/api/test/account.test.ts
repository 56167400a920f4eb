import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { createInAppChannel } from '../src/reminders/in-app-channel.js';
import { apiAs } from './support/api.js';
import { makeBrowserKeys } from './support/channel-stand-ins.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser, authPost, signUp, type TestUser, withBearer } from './support/users.js';

const { t } = useTestApp({ users: [], env: { LLM_PROVIDER: 'offline' } });

/**
 * Rows belonging to a user in every table of the schema: the `user` row itself and each table
 * with a `user_id` column, found from the catalogue so a table added later is counted too.
 */
async function rowsOf(userId: string): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(
    t.database.db,
    sql`SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  const [own] = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM "user" WHERE id = ${userId}`,
  );
  counts.user = own?.n ?? 0;
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE user_id = ${userId}`,
    );
    counts[table_name] = row?.n ?? 0;
  }
  return counts;
}

/** A user with something in every table: lists, tasks and subtasks, chat, a key, a feed, push. */
async function busyUser(name: string): Promise<TestUser> {
  const person = await signUp(t.app, name);
  const api = apiAs(t.app, person);
  const list = await api.ok('POST', '/api/v1/lists', { name: 'Work' }, 201);
  const parent = await api.ok(
    'POST',
    '/api/v1/tasks',
    { title: 'Plan trip', list_id: list.id, due_date: '2026-12-24', recurrence: 'FREQ=YEARLY' },
    201,
  );
  await api.ok('POST', '/api/v1/tasks', { title: 'Book hotel', parent_id: parent.id }, 201);
  await api.ok('PATCH', '/api/v1/me/reminders', { timed_offset_minutes: -30 });
  const reminder = await api.ok(
    'POST',
    `/api/v1/tasks/${parent.id}/reminders`,
    { offset_minutes: -1440 },
    201,
  );
  // What a delivery leaves: an in-app notification and the record of its send.
  const occurrenceKey = `reminder:${reminder.id}:${reminder.fire_at}`;
  await createInAppChannel(t.database.db).send({
    occurrenceKey,
    kind: 'reminder',
    userId: person.id,
    taskId: parent.id,
    title: 'Plan trip',
    body: 'Due tomorrow',
    url: `/?task=${parent.id}`,
    scheduledFor: reminder.fire_at,
  });
  await t.database.db.execute(
    sql`INSERT INTO reminder_sends (occurrence_key, channel, user_id) VALUES (${occurrenceKey}, 'in_app', ${person.id})`,
  );
  const chat = await t.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(person), accept: 'application/json' },
    payload: { message: 'add buy milk tomorrow' },
  });
  expect(chat.statusCode, chat.body).toBe(200);
  await api.ok(
    'POST',
    '/api/v1/api-keys',
    { name: 'laptop', password: person.password, expires_in_days: 7 },
    201,
  );
  await api.ok('POST', '/api/v1/calendar-feed', undefined, 201);
  // A push subscription (channel settings follow); its test fails offline, which is logged.
  const browser = makeBrowserKeys();
  await api.ok(
    'POST',
    '/api/v1/push/subscriptions',
    {
      endpoint: `https://push.example.invalid/${name}`,
      keys: { p256dh: browser.p256dh, auth: browser.auth },
    },
    201,
  );
  await api.ok('POST', '/api/v1/me/channels/push/test');
  const again = await authPost(t.app, 'sign-in/email', {
    email: person.email,
    password: person.password,
  });
  expect(again.statusCode).toBe(200);
  return person;
}

const deleteAccount = (person: TestUser, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/delete-user',
    headers: asUser(person),
    payload,
  });

describe('account deletion', () => {
  it('erases every row of the user after the password is entered again, and nobody else’s', async () => {
    const ada = await busyUser('ada');
    const bob = await busyUser('bob');
    const adaBefore = await rowsOf(ada.id);
    const bobBefore = await rowsOf(bob.id);
    for (const table of ['user', 'session', 'account', 'lists', 'tasks', 'task_counts']) {
      expect(adaBefore[table], table).toBeGreaterThan(0);
    }
    expect(adaBefore).toMatchObject({
      conversations: 1,
      api_keys: 1,
      calendar_feeds: 1,
      push_subscriptions: 1,
      channel_settings: 1,
      channel_deliveries: 1,
      reminders: 1,
      reminder_settings: 1,
      notifications: 1,
      reminder_sends: 1,
    });
    expect(adaBefore.messages).toBeGreaterThanOrEqual(2);
    expect(adaBefore.session).toBe(2);

    for (const payload of [{}, { password: 'not-the-password' }, { token: 'made-up' }]) {
      const refused = await deleteAccount(ada, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(await rowsOf(ada.id)).toEqual(adaBefore);
    }

    const deleted = await deleteAccount(ada, { password: ada.password });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const after = await rowsOf(ada.id);
    expect(Object.keys(after)).toEqual(Object.keys(adaBefore));
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(bob.id)).toEqual(bobBefore);

    // Both of her sessions and her key are gone at once; Bob keeps working.
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: withBearer(ada),
    });
    expect(stale.statusCode).toBe(401);
    await apiAs(t.app, bob).ok('GET', '/api/v1/tasks');
    const signIn = await authPost(t.app, 'sign-in/email', {
      email: ada.email,
      password: ada.password,
    });
    expect(signIn.statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('lists the user’s own sessions and revokes one of them at once', async () => {
    const cy = await signUp(t.app, 'cy');
    const laptop = await authPost(t.app, 'sign-in/email', {
      email: cy.email,
      password: cy.password,
    });
    // The bearer token is the session token with its signature (`<token>.<signature>`).
    const laptopBearer = String(laptop.headers['set-auth-token']);
    const laptopToken = laptopBearer.split('.')[0];
    const other = await busyUser('dee');
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/auth/list-sessions',
      headers: asUser(cy),
    });
    expect(listed.statusCode).toBe(200);
    const sessions = listed.json() as { token: string; userId: string }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.every((session) => session.userId === cy.id)).toBe(true);
    const laptopSession = sessions.find((session) => session.token === laptopToken);
    expect(laptopSession).toBeDefined();

    // Another user's session token cannot be revoked from here.
    const [deeSession] = (
      await t.app.inject({
        method: 'GET',
        url: '/api/auth/list-sessions',
        headers: asUser(other),
      })
    ).json() as { token: string }[];
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/revoke-session',
      headers: asUser(cy),
      payload: { token: deeSession?.token },
    });
    await apiAs(t.app, other).ok('GET', '/api/v1/tasks');

    const revoked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/revoke-session',
      headers: asUser(cy),
      payload: { token: laptopToken },
    });
    expect(revoked.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { authorization: `Bearer ${laptopBearer}` },
    });
    expect(stale.statusCode).toBe(401);
    await apiAs(t.app, cy).ok('GET', '/api/v1/tasks');
  });
});
