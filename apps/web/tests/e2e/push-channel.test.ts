import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, seriousViolations } from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage } from './pages/board-page';

/**
 * Chromium's own push service registration cannot happen here: headless Chromium refuses it
 * ("Registration failed - permission denied") and its push service is on the internet. So only
 * `PushManager.subscribe` is replaced, by a stand-in that makes a subscription the way a browser
 * does (a fresh P-256 key pair and a 16-byte auth secret, via WebCrypto). Everything else is real:
 * the permission (granted in this test profile), the click, the service worker, the API, the UI.
 * Delivery to a push endpoint is tested against a protocol stand-in in apps/api.
 */
const PUSH_SERVICE_STAND_IN = () => {
  const w = window as unknown as { __permissionAsks: number; __endpoint?: string };
  w.__permissionAsks = 0;
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = (() => {
    w.__permissionAsks += 1;
    return ask();
  }) as typeof Notification.requestPermission;
  const b64url = (bytes: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
  let current: PushSubscription | null = null;
  PushManager.prototype.subscribe = async function subscribe() {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ]);
    const p256dh = b64url(await crypto.subtle.exportKey('raw', pair.publicKey));
    const auth = b64url(crypto.getRandomValues(new Uint8Array(16)).buffer);
    const endpoint = `https://push.example.invalid/e2e/${crypto.randomUUID()}`;
    w.__endpoint = endpoint;
    current = {
      endpoint,
      expirationTime: null,
      toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
      unsubscribe: async () => {
        current = null;
        return true;
      },
    } as unknown as PushSubscription;
    return current;
  };
  PushManager.prototype.getSubscription = async () => current;
};

describe.sequential('push channel in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.grantPermissions(['notifications'], { origin: app.url });
    await context.addInitScript(PUSH_SERVICE_STAND_IN);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const channels = () => page.evaluate(async () => (await fetch('/api/v1/me/channels')).json());

  it('asks nothing until "Turn on push"; then registers the worker and stores the subscription', async () => {
    screenshotOnFailure(() => page, 'push-turn-on');
    await new BoardPage(page, app.url).signUp(`pia-${Date.now()}@example.com`);
    // A zone far from the machine's: the delivery log must show times in it.
    const zone = await page.evaluate(async () => {
      const response = await fetch('/api/v1/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: 'Asia/Kathmandu' }),
      });
      return (await response.json()).time_zone;
    });
    expect(zone).toBe('Asia/Kathmandu');
    await page.goto(`${app.url}/settings`);
    const section = page.getByTestId('channel-push');
    await section.getByRole('button', { name: 'Turn on push' }).waitFor();
    expect(
      await page.evaluate(
        () => (window as unknown as { __permissionAsks: number }).__permissionAsks,
      ),
    ).toBe(0);
    // The app's service worker (offline board) is there already; no push subscription is.
    expect(
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.pushManager.getSubscription();
      }),
    ).toBeNull();
    expect((await channels()).push).toMatchObject({
      available: true,
      enabled: false,
      subscriptions: 0,
    });

    await section.getByRole('button', { name: 'Turn on push' }).click();
    await page.getByTestId('channels-status').getByText('Push is on in this browser').waitFor();
    expect(await section.textContent()).toContain('1 browser subscribed');
    expect(
      await page.evaluate(
        () => (window as unknown as { __permissionAsks: number }).__permissionAsks,
      ),
    ).toBe(1);
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { script: registration.active?.scriptURL, scope: registration.scope };
    });
    expect(worker).toEqual({ script: `${app.url}/sw.js`, scope: `${app.url}/` });
    expect((await channels()).push).toMatchObject({
      available: true,
      enabled: true,
      subscriptions: 1,
    });
    expect(await seriousViolations(page)).toEqual([]);

    // The stand-in endpoint cannot be reached: the test is refused cleanly and logged.
    await section.getByRole('button', { name: 'Send a test push message' }).click();
    await page.getByTestId('delivery-item').first().waitFor();
    expect(await page.getByTestId('delivery-item').first().textContent()).toContain(
      'Push · test · failed',
    );
  });

  it('turns off with the unsubscribe button, and the API forgets the browser', async () => {
    screenshotOnFailure(() => page, 'push-turn-off');
    const section = page.getByTestId('channel-push');
    await section.getByRole('button', { name: 'Turn off push in this browser' }).click();
    await page.getByTestId('channels-status').getByText('Push is off in this browser').waitFor();
    expect((await channels()).push.subscriptions).toBe(0);
    await section.getByRole('button', { name: 'Turn on push' }).waitFor();
  });
});
