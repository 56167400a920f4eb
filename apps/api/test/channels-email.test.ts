import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { makeTestTls, startSmtpServer, type TestTls } from './support/channel-stand-ins.js';
import { dataChecksum } from './support/checksum.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { signUp } from './support/users.js';

const tls = {} as TestTls;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let withMail: TestApp;
let withoutMail: TestApp;
beforeAll(async () => {
  Object.assign(tls, await makeTestTls());
  smtp = await startSmtpServer(tls);
  withMail = await createTestApp(
    { SMTP_URL: smtp.url, SMTP_FROM: 'Reminders <reminders@example.test>' },
    { outboundCa: tls.cert },
  );
  withoutMail = await createTestApp();
});
afterAll(async () => {
  await withMail.close();
  await withoutMail.close();
  await smtp.close();
});

describe('email channel', () => {
  it('does not exist without SMTP_URL: turning it on is a 400 that stores nothing', async () => {
    const ada = apiAs(withoutMail, await signUp(withoutMail.app, 'ada'));
    expect((await ada.ok('GET', '/api/v1/me/channels')).email).toMatchObject({
      available: false,
      enabled: false,
    });
    const before = await dataChecksum(withoutMail.database.db);
    const response = await ada.call('PATCH', '/api/v1/me/channels', { email: { enabled: true } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('SMTP_URL');
    expect((await ada.call('POST', '/api/v1/me/channels/email/test')).statusCode).toBe(400);
    expect(await dataChecksum(withoutMail.database.db)).toBe(before);
  });

  it('is off by default; once on, a test arrives over STARTTLS with text and HTML parts', async () => {
    const bob = await signUp(withMail.app, 'bob');
    const api = apiAs(withMail, bob);
    const settings = await api.ok('GET', '/api/v1/me/channels');
    expect(settings.email).toEqual({ available: true, enabled: false, address: bob.email });
    expect((await api.call('POST', '/api/v1/me/channels/email/test')).statusCode).toBe(409);

    await api.ok('PATCH', '/api/v1/me/channels', { email: { enabled: true } });
    const result = await api.ok('POST', '/api/v1/me/channels/email/test');
    expect(result).toMatchObject({ channel: 'email', status: 'delivered' });
    const mail = smtp.mails.at(-1);
    if (!mail) throw new Error('the SMTP server got nothing');
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('mailer');
    expect(mail.from).toBe('reminders@example.test');
    expect(mail.to).toEqual([bob.email]);
    expect(mail.raw).toContain('Subject: Test from Todo Chatbot');
    expect(mail.raw).toContain('Content-Type: text/plain');
    expect(mail.raw).toContain('Content-Type: text/html');
    expect(mail.raw).toContain('your reminders will reach you here.');
    expect(mail.raw).toMatch(/X-Todo-Delivery: test:/);
    // Neither the SMTP password nor the URL ever reaches the logs.
    expect(withMail.logs.join('\n')).not.toContain('s3cret');
  });
});
