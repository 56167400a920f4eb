import type { TNotification } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import { queryRows } from '../src/db/client.js';
import { DIGEST_MAX_OUTPUT_TOKENS } from '../src/reminders/digest-writer.js';
import { apiAs, present } from './support/api.js';
import { fakeModelEnv } from './support/fake-model-env.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { signUp, type TestUser } from './support/users.js';

const ZONE = 'Pacific/Auckland';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The user's day in Auckland, as dates and an instant on it. */
const today = () => Temporal.Now.plainDateISO(ZONE);
const atLocal = (date: Temporal.PlainDate, time: string) =>
  new Date(
    date.toZonedDateTime({ timeZone: ZONE, plainTime: Temporal.PlainTime.from(time) })
      .epochMilliseconds,
  ).toISOString();

async function digestFor(t: TestApp, person: TestUser): Promise<TNotification> {
  const api = apiAs(t, person);
  await api.ok('PATCH', '/api/v1/me', { time_zone: ZONE });
  const day = today();
  const tasks = [
    { title: 'Dentist', due_at: atLocal(day, '15:30') },
    { title: 'Water plants', due_date: day.toString() },
    { title: 'Tax return', due_date: day.subtract({ days: 3 }).toString() },
    { title: 'Book flights', due_date: day.add({ days: 2 }).toString() },
    { title: 'Someday', due_date: null },
  ];
  for (const task of tasks) await api.ok('POST', '/api/v1/tasks', task, 201);
  const done = await api.ok(
    'POST',
    '/api/v1/tasks',
    { title: 'Done already', due_date: day.toString() },
    201,
  );
  await api.ok('PATCH', `/api/v1/tasks/${done.id}`, { completed: true });

  await api.ok('PATCH', '/api/v1/me/reminders', { digest_time: '07:00' });
  const [settings] = await queryRows<{ next: string }>(
    t.database.db,
    sql`SELECT digest_next_at AS next FROM reminder_settings WHERE user_id = ${person.id}`,
  );
  // The next 07:00 in Auckland.
  const next = Temporal.Instant.from(
    new Date(String(settings?.next)).toISOString(),
  ).toZonedDateTimeISO(ZONE);
  expect(next.toPlainTime().toString()).toBe('07:00:00');
  expect(Temporal.Instant.compare(next.toInstant(), Temporal.Now.instant())).toBe(1);

  // The morning comes (the row says so): the digest goes out.
  await queryRows(
    t.database.db,
    sql`UPDATE reminder_settings SET digest_next_at = now() + interval '1 second' WHERE user_id = ${person.id}`,
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { items } = await api.ok('GET', '/api/v1/notifications');
    const digest = items.find((item: TNotification) => item.kind === 'digest');
    if (digest) {
      const [after] = await queryRows<{ next: string }>(
        t.database.db,
        sql`SELECT digest_next_at AS next FROM reminder_settings WHERE user_id = ${person.id}`,
      );
      // And the one after is the first 07:00 (local) after this one.
      const following = Temporal.Instant.from(
        new Date(String(after?.next)).toISOString(),
      ).toZonedDateTimeISO(ZONE);
      const beforeSeven = Temporal.Now.plainTimeISO(ZONE).hour < 7;
      expect(following.toPlainTime().toString()).toBe('07:00:00');
      expect(following.toPlainDate().toString()).toBe(
        (beforeSeven ? day : day.add({ days: 1 })).toString(),
      );
      return digest;
    }
    if (Date.now() > deadline) throw new Error('no digest arrived');
    await sleep(250);
  }
}

describe('daily digest, offline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REMINDERS_ENABLED: 'true', LLM_PROVIDER: 'offline' });
  });
  afterAll(() => t.close());

  it('lists what is due today, what slipped and what is next, by the user’s zone', async () => {
    const person = await signUp(t.app, 'morning');
    const digest = await digestFor(t, person);
    const day = today();
    const dayName = (date: Temporal.PlainDate) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }).format(new Date(`${date.toString()}T12:00:00Z`));
    expect(digest.title).toBe('Today: 2 tasks due');
    expect(digest.body).toBe(
      [
        `Due today:\n• Water plants (${dayName(day)})\n• Dentist (${dayName(day)}, 15:30)`,
        `Slipped:\n• Tax return (${dayName(day.subtract({ days: 3 }))})`,
        `Next up:\n• Book flights (${dayName(day.add({ days: 2 }))})`,
      ].join('\n\n'),
    );
    expect(digest.url).toBe('/');
  });
});

describe('daily digest, written by the assistant', () => {
  let t: TestApp;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    t = await createTestApp({ REMINDERS_ENABLED: 'true', ...fakeModelEnv(fake) });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('asks the model with bounded tokens, counts them in the quota, and sends its text', async () => {
    fake.fallback = {
      kind: 'text',
      text: 'Morning! The dentist is at 15:30; the tax return slipped.',
    };
    const person = await signUp(t.app, 'assisted');
    const digest = await digestFor(t, person);
    expect(digest.body).toBe('Morning! The dentist is at 15:30; the tax return slipped.');
    expect(digest.title).toBe('Today: 2 tasks due');
    const request = present(fake.requests.at(-1), 'model request').body as Record<string, unknown>;
    expect(request.max_tokens ?? request.max_completion_tokens).toBe(DIGEST_MAX_OUTPUT_TOKENS);
    expect(JSON.stringify(request.messages)).toContain('Tax return');
    expect(JSON.stringify(request.messages)).not.toContain('Done already');
    const [usage] = await queryRows<{ tokens: number }>(
      t.database.db,
      sql`SELECT sum(tokens)::int AS tokens FROM chat_usage WHERE user_id = ${person.id}`,
    );
    expect(usage?.tokens).toBe(15); // the fake server's 10 in + 5 out
  });
});
