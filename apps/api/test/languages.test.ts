import { describe, expect, it } from 'vitest';
import { URDU_NOTE } from '../src/chat/offline/offline-producer.js';
import { apiAs, present } from './support/api.js';
import { useChatApps } from './support/chat-apps.js';
import { dataChecksum } from './support/checksum.js';
import type { TestApp } from './support/test-app.js';
import { asUser, signUp } from './support/users.js';

/**
 * The user's language: stored by PATCH /api/v1/me, carried in the session's user (the web app
 * renders each page in it), and used by the assistant: the model is told to reply in it, and the
 * offline assistant says in Urdu that it understands English commands.
 */
const apps = useChatApps();

const chat = async (t: TestApp, user: Awaited<ReturnType<typeof signUp>>, message: string) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(user), accept: 'application/json' },
    payload: { message },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { response: string };
};

describe('the language setting', () => {
  it('starts in English, takes Urdu, and the session carries it', async () => {
    const t = apps.offline;
    const user = await signUp(t.app, 'zara');
    const me = apiAs(t, user);
    expect(await me.ok('GET', '/api/v1/me')).toMatchObject({ locale: 'en' });
    expect(await me.ok('PATCH', '/api/v1/me', { locale: 'ur' })).toMatchObject({ locale: 'ur' });
    expect(await me.ok('GET', '/api/v1/me')).toMatchObject({ locale: 'ur', time_zone: 'UTC' });
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/auth/get-session',
      headers: asUser(user),
    });
    expect(session.json().user).toMatchObject({ locale: 'ur' });
    expect(await me.ok('PATCH', '/api/v1/me', { locale: 'en' })).toMatchObject({ locale: 'en' });
  });

  it.each([
    [{ locale: 'fr' }, /locale/],
    [{ locale: 'UR' }, /locale/],
    [{ locale: '' }, /locale/],
    [{ locale: null }, /locale/],
    [{ locale: 'ur', email: 'x@example.test' }, /email/],
  ])('refuses %j with a 400 and changes nothing', async (body, message) => {
    const t = apps.offline;
    const me = apiAs(t, await signUp(t.app, 'bad-locale'));
    await me.ok('PATCH', '/api/v1/me', { locale: 'ur' });
    const before = await dataChecksum(t.database.db);
    const response = await me.call('PATCH', '/api/v1/me', body);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(message);
    expect(await dataChecksum(t.database.db)).toBe(before);
    expect(await me.ok('GET', '/api/v1/me')).toMatchObject({ locale: 'ur' });
  });

  it('cannot be set through Better Auth’s own user update', async () => {
    const t = apps.offline;
    const user = await signUp(t.app, 'sneaky');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/update-user',
      headers: { ...asUser(user), 'content-type': 'application/json' },
      payload: { locale: 'xx' },
    });
    expect(await apiAs(t, user).ok('GET', '/api/v1/me')).toMatchObject({ locale: 'en' });
  });
});

describe('the assistant in the user’s language', () => {
  const systemPromptOf = (index: number) =>
    String(present(apps.fake.requests.at(index)?.body.messages[0], 'system message').content);

  it('tells the model to reply in Urdu to an Urdu user, and in English otherwise', async () => {
    const t = apps.withModel;
    const urdu = await signUp(t.app, 'urdu');
    await apiAs(t, urdu).ok('PATCH', '/api/v1/me', { locale: 'ur' });
    apps.fake.enqueue({ kind: 'text', text: 'ٹھیک ہے۔' });
    expect((await chat(t, urdu, 'میرے آج کے کام؟')).response).toBe('ٹھیک ہے۔');
    expect(systemPromptOf(-1)).toContain("The user's language is Urdu (ur): always reply in Urdu");

    const english = await signUp(t.app, 'english');
    apps.fake.enqueue({ kind: 'text', text: 'Fine.' });
    await chat(t, english, "what's due today?");
    expect(systemPromptOf(-1)).toContain(
      "The user's language is English (en): always reply in English",
    );
    expect(systemPromptOf(-1)).not.toContain('Urdu');
  });

  it('the offline assistant says in Urdu that it understands English, then replies as usual', async () => {
    const t = apps.offline;
    const user = await signUp(t.app, 'offline-urdu');
    const me = apiAs(t, user);
    await me.ok('PATCH', '/api/v1/me', { locale: 'ur' });
    const reply = await chat(t, user, 'add buy milk tomorrow');
    expect(reply.response.startsWith(URDU_NOTE)).toBe(true);
    expect(URDU_NOTE).toMatch(/انگریزی/);
    expect(reply.response).toMatch(/buy milk/i);
    const tasks = await me.ok('GET', '/api/v1/tasks');
    expect(tasks.items.map((task: { title: string }) => task.title)).toContain('buy milk');

    await me.ok('PATCH', '/api/v1/me', { locale: 'en' });
    const english = await chat(t, user, "what's left?");
    expect(english.response).not.toContain(URDU_NOTE);
    expect(english.response).toMatch(/buy milk/i);
  });
});
