import type { TTask } from '@todo/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchProfile, screenshot, screenshotOnFailure } from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage } from './pages/board-page';

type Manifest = {
  name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
};

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
const pngSize = (bytes: Buffer) => `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;

/**
 * The installable app: manifest and icons as Chromium's own installability check sees them, the
 * service worker, the last-seen board opening offline (read-only, refusing changes out loud),
 * and nothing of a user's data left in the caches after they sign out.
 */
describe.sequential('installable app (PWA) in Chromium', () => {
  let app: Running;
  let context: BrowserContext;
  let page: Page;
  let board: BoardPage;

  const cachedUrls = () =>
    page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys())
          urls.push(`${name} ${new URL(request.url).pathname}`);
      }
      return urls;
    });

  beforeAll(async () => {
    [app, context] = await Promise.all([
      startApp(),
      launchProfile({ viewport: { width: 412, height: 900 } }),
    ]);
    page = context.pages()[0] ?? (await context.newPage());
    board = new BoardPage(page, app.url);
    await board.signUp(`pwa-${Date.now()}@example.com`);
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
  });

  it('has a manifest with real icons, and Chromium finds nothing stopping an install', async () => {
    screenshotOnFailure(() => page, 'pwa-manifest');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = (await (await page.request.get(`${app.url}${href}`)).json()) as Manifest;
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((icon) => icon.purpose)).toEqual(['any', 'any', 'maskable']);
    for (const icon of manifest.icons) {
      const response = await page.request.get(`${app.url}${icon.src}`);
      expect(response.headers()['content-type']).toBe('image/png');
      expect(pngSize(await response.body())).toBe(icon.sizes);
    }

    // The service worker is installed and controls the page after a reload.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await board.waitForList();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
  });

  it('offline, a reload opens the last-seen board read-only and a change is refused, not queued', async () => {
    screenshotOnFailure(() => page, 'pwa-offline');
    await board.create({ title: 'seen before going offline' });
    await page.reload();
    await board.waitForList();
    await board.item('seen before going offline').waitFor();

    await context.setOffline(true);
    await page.reload();
    await board.item('seen before going offline').waitFor();
    // Chromium's offline emulation leaves navigator.onLine true in a document loaded while
    // offline; flipping it again makes the page see it, as a real device reports it.
    await context.setOffline(false);
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await screenshot(page, 'pwa-offline-board');

    await board.quickAdd().fill('typed while offline');
    await board.quickAdd().press('Enter');
    // Refused where it was typed (the quick-add line's own error), not held back for later.
    await page.getByText('You are offline: nothing was changed.').first().waitFor();
    await board.item('typed while offline').waitFor({ state: 'detached' });

    await context.setOffline(false);
    await page.reload();
    await board.waitForList();
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    const titles = (await (await page.request.get(`${app.url}/api/v1/tasks`)).json()).items.map(
      (task: TTask) => task.title,
    );
    expect(titles).toEqual(['seen before going offline']);
  });

  it('caches only the board’s reads under /api, and signing out deletes them and the pages', async () => {
    screenshotOnFailure(() => page, 'pwa-sign-out');
    // The page arrives drawn; a filter is the browser's own read, kept for offline.
    await page.getByTestId('status-pending').click();
    await expect
      .poll(async () =>
        (await cachedUrls()).some((entry) => entry.startsWith('board-data /api/v1/tasks')),
      )
      .toBe(true);
    const before = await cachedUrls();
    expect(before.some((entry) => entry.startsWith('board-data /api/v1/tasks'))).toBe(true);
    expect(before.some((entry) => entry.startsWith('pages /'))).toBe(true);
    expect(before.filter((entry) => entry.split(' ')[1]?.startsWith('/api/auth/'))).toEqual([]);
    // Only the board's reads: nothing else under /api (chat, exports, keys) is kept.
    expect(
      before.filter(
        (entry) =>
          entry.split(' ')[1]?.startsWith('/api/') && !entry.startsWith('board-data /api/v1/'),
      ),
    ).toEqual([]);

    await board.signOut();
    const after = await cachedUrls();
    expect(after.filter((entry) => entry.split(' ')[1]?.startsWith('/api/'))).toEqual([]);
    // The sign-in page it lands on (and the sign-up page it links to, which Next may prefetch)
    // may be cached again: they hold nobody's data. No page of the signed-in user is.
    const publicPages = new Set(['/sign-in', '/sign-up']);
    expect(
      after.filter(
        (entry) => /^pages(-rsc)? /.test(entry) && !publicPages.has(entry.split(' ')[1] ?? ''),
      ),
    ).toEqual([]);
  });
});
