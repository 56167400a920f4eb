import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardPage } from '../e2e/pages/board-page';
import { launchBrowser } from '../support/browser';
import { cookieHeader, requestFrom } from '../support/raw-http';
import { type Running, startApp } from '../support/servers';

const json = { 'content-type': 'application/json' };

/**
 * Any address of one install works (same-origin is accepted from whatever host the browser used),
 * cross-site requests stay refused, and every page carries the security headers.
 */
describe.sequential('origins: every address of the app works, other sites do not', () => {
  let app: Running;
  let port: string;

  beforeAll(async () => {
    app = await startApp();
    port = new URL(app.url).port;
  });

  afterAll(async () => {
    await app?.stop();
  });

  const signUpAt = (address: string, hostHeader: string, origin: string) =>
    requestFrom(
      address,
      `http://${address.includes(':') ? `[${address}]` : address}:${port}/api/auth/sign-up/email`,
      {
        method: 'POST',
        headers: { ...json, host: hostHeader, origin },
        body: JSON.stringify({
          email: `u-${Math.random().toString(36).slice(2)}@example.com`,
          password: 'correct-horse-battery',
          name: 'U',
        }),
      },
    );

  it('accepts sign-up from localhost, 127.0.0.1 and another address, each as its own origin', async () => {
    const cases = [
      ['127.0.0.1', `localhost:${port}`],
      ['127.0.0.1', `127.0.0.1:${port}`],
      ['127.0.0.2', `127.0.0.2:${port}`],
    ] as const;
    for (const [address, host] of cases) {
      const answer = await signUpAt(address, host, `http://${host}`);
      expect(answer.status, host).toBe(200);
      // The session works at that address too.
      const me = await requestFrom(address, `http://${host}/api/v1/tasks`, {
        headers: { host, cookie: cookieHeader(answer.setCookies) },
      });
      expect(me.status, host).toBe(200);
    }
  });

  it('refuses a cross-site Origin, also when it claims the host header of another site', async () => {
    expect((await signUpAt('127.0.0.1', `127.0.0.1:${port}`, 'http://evil.example')).status).toBe(
      403,
    );
    expect((await signUpAt('127.0.0.1', 'evil.example', `http://127.0.0.1:${port}`)).status).toBe(
      403,
    );
  });

  it('cookie + any Authorization header + a foreign Origin is a 403; a cookie-less bearer needs no Origin', async () => {
    const signUp = await signUpAt('127.0.0.1', `127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
    const cookie = cookieHeader(signUp.setCookies);
    const token = signUp.headers['set-auth-token'] ?? '';
    expect(token).not.toBe('');
    const create = (headers: Record<string, string>) =>
      requestFrom('127.0.0.1', `${app.url}/api/v1/tasks`, {
        method: 'POST',
        headers: { ...json, ...headers },
        body: JSON.stringify({ title: 'from elsewhere' }),
      });
    const evil = 'http://evil.example';
    expect((await create({ cookie, origin: evil })).status).toBe(403);
    expect(
      (await create({ cookie, origin: evil, authorization: 'Basic dXNlcjpwYXNz' })).status,
    ).toBe(403);
    expect((await create({ cookie, origin: evil, authorization: 'Bearer x.y' })).status).toBe(403);
    expect((await create({ cookie, origin: evil, authorization: `Bearer ${token}` })).status).toBe(
      403,
    );
    expect((await create({ authorization: `Bearer ${token}`, origin: evil })).status).toBe(201);
    const list = await requestFrom('127.0.0.1', `${app.url}/api/v1/tasks`, { headers: { cookie } });
    expect(JSON.parse(list.body)).toMatchObject({ total: 1 });
  });
});

describe.sequential('security headers on every page', () => {
  let app: Running;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('pages carry a nonce CSP with frame-ancestors none, nosniff and a Referrer-Policy; no HSTS over http', async () => {
    for (const path of ['/sign-in', '/sign-up', '/', '/settings', '/no-such-page']) {
      const answer = await requestFrom('127.0.0.1', `${app.url}${path}`);
      const csp = answer.headers['content-security-policy'] ?? '';
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(answer.headers['strict-transport-security'], path).toBeUndefined();
    }
    const first = await requestFrom('127.0.0.1', `${app.url}/sign-in`);
    const second = await requestFrom('127.0.0.1', `${app.url}/sign-in`);
    expect(first.headers['content-security-policy']).not.toBe(
      second.headers['content-security-policy'],
    );
    const health = await requestFrom('127.0.0.1', `${app.url}/api/health`);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
  });

  it('no page logs a CSP violation in Chromium (sign-up, board, add, settings, 404, sign-out)', async () => {
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          violations.push(message.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`Refused to load (CSP): ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      const board = new BoardPage(page, app.url);
      await board.signUp(`csp-${Date.now()}@example.com`);
      await page.getByTestId('board-empty').waitFor();
      await board.create({ title: 'CSP check' });
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(`${app.url}/settings`);
      await page.goto(`${app.url}/no-such-page`);
      await page.goto(`${app.url}/`);
      await board.waitForList();
      await board.signOut();
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('HSTS when the public URL is https', () => {
  it('sends Strict-Transport-Security on pages', async () => {
    const app = await startApp({ BETTER_AUTH_URL: 'https://todo.example.test' });
    try {
      const answer = await requestFrom('127.0.0.1', `${app.url}/sign-in`);
      expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await app.stop();
    }
  });
});
