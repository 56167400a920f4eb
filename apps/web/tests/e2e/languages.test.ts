import type { TMe, TTask } from '@todo/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allViolations,
  apiThroughPage,
  launchBrowser,
  screenshot,
  screenshotOnFailure,
} from '../support/browser';
import { type Running, startApp } from '../support/servers';

/** UTC+5 all year: a due time reads five hours later than in the browser's zone (UTC). */
const ZONE = 'Asia/Karachi';
/** 09:30 in Karachi on Monday 15 March 2027; 04:30 in the browser's zone. */
const DUE_AT = '2027-03-15T04:30:00.000Z';

const VIEWS = [
  { path: '/', ready: '[data-testid="task-list"], [data-testid="board-empty"]' },
  { path: '/kanban', ready: '[data-testid="kanban"]' },
  { path: '/calendar', ready: '[data-testid="calendar-grid"]' },
  { path: '/stats', ready: '[data-testid="stats"]' },
  { path: '/settings', ready: '[data-testid="language-select"]' },
] as const;

/**
 * English and Urdu in Chromium against the real app: the language picked before an account
 * exists becomes the account's, Urdu turns the page right to left (the sidebar moves to the
 * right, typed text takes its own direction), dates read in Urdu in the user's zone, and axe finds
 * nothing in any view, in either language and either theme.
 */
describe.sequential('English and Urdu in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const api = apiThroughPage(() => ({ page, url: app.url }));
  const html = () =>
    page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
    }));
  const box = async (selector: string) => {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not on the page`);
    return found;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the sign-up page switches to Urdu, right to left, and the new account keeps it', async () => {
    screenshotOnFailure(() => page, 'languages-sign-up');
    await page.goto(`${app.url}/sign-up`);
    expect(await html()).toEqual({ lang: 'en', dir: 'ltr', direction: 'ltr' });
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();

    await page.getByTestId('language-select').selectOption('ur');
    await page.getByRole('heading', { name: 'اپنا اکاؤنٹ بنائیں' }).waitFor();
    expect(await html()).toEqual({ lang: 'ur', dir: 'rtl', direction: 'rtl' });
    expect(await allViolations(page)).toEqual([]);
    await screenshot(page, 'rtl-sign-up');

    await page.getByLabel('ای میل').fill(`urdu-${Date.now()}@example.com`);
    await page.getByLabel('پاس ورڈ').fill('correct horse battery');
    await page.getByRole('button', { name: 'اکاؤنٹ بنائیں' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByRole('heading', { name: 'آپ کے کام', level: 1 }).waitFor();
    expect((await api<TMe>('/api/v1/me')).locale).toBe('ur');

    // The account decides from now on, whatever the cookie says.
    await context.clearCookies({ name: 'locale' });
    await page.reload();
    await page.getByRole('heading', { name: 'آپ کے کام', level: 1 }).waitFor();
    expect(await html()).toMatchObject({ lang: 'ur', dir: 'rtl' });
  });

  it('Urdu mirrors the board: the sidebar is on the right, typed text takes its own direction', async () => {
    screenshotOnFailure(() => page, 'languages-rtl-board');
    await api('/api/v1/me', { method: 'PATCH', data: { time_zone: ZONE } });
    await api<TTask>('/api/v1/tasks', {
      method: 'POST',
      data: { title: 'ڈاکٹر سے ملاقات', due_at: DUE_AT },
    });
    await page.goto(app.url);
    await page.getByTestId('task-list').waitFor();
    const sidebar = await box('[data-testid="sidebar"]');
    const list = await box('[data-testid="task-list"]');
    expect(sidebar.x).toBeGreaterThan(list.x + list.width - 1);

    const quickAdd = page.locator('#quick-add');
    expect(await quickAdd.getAttribute('dir')).toBe('auto');
    const direction = () => quickAdd.evaluate((input) => getComputedStyle(input).direction);
    await quickAdd.fill('دودھ خریدیں');
    expect(await direction()).toBe('rtl');
    await quickAdd.fill('buy milk tomorrow');
    expect(await direction()).toBe('ltr');
    await quickAdd.fill('');

    // 09:30 in the user's zone, not the browser's 04:30, in Urdu words.
    const due = page.getByTestId('task-due').first();
    await expect.poll(() => due.textContent()).toMatch(/مارچ/);
    expect(await due.textContent()).toMatch(/9:30/);
    expect(await due.textContent()).not.toMatch(/4:30/);
    expect(await due.textContent()).toMatch(/مقررہ/);
    await screenshot(page, 'rtl-board');

    // What the browser itself finds is said in Urdu too: offline, a change is refused.
    await context.setOffline(true);
    await page.getByTestId('task-toggle').first().click();
    await page
      .getByTestId('notice')
      .filter({ hasText: 'آپ آف لائن ہیں: کچھ نہیں بدلا۔' })
      .waitFor();
    expect(await page.getByTestId('offline-banner').textContent()).toMatch(/آپ آف لائن ہیں/);
    await context.setOffline(false);
    expect(await page.getByTestId('task-toggle').first().isChecked()).toBe(false);
  });

  it('axe finds nothing in any view, in Urdu and English, light and dark; RTL screenshots', async () => {
    for (const locale of ['ur', 'en'] as const) {
      await api('/api/v1/me', { method: 'PATCH', data: { locale } });
      for (const theme of ['light', 'dark'] as const) {
        await context.addCookies([{ name: 'theme', value: theme, url: app.url }]);
        for (const view of VIEWS) {
          const name = `${locale}-${theme}-${view.path.replace(/\W/g, '') || 'board'}`;
          screenshotOnFailure(() => page, `languages-${name}`);
          await page.goto(`${app.url}${view.path}`);
          await page.locator(view.ready).first().waitFor();
          expect(await html()).toMatchObject({
            lang: locale,
            dir: locale === 'ur' ? 'rtl' : 'ltr',
          });
          expect(await allViolations(page), name).toEqual([]);
          if (locale === 'ur')
            await screenshot(page, `rtl-${theme}-${view.path.replace(/\W/g, '') || 'board'}`);
        }
      }
    }
  });

  it('Settings switches back to English: left to right, the sidebar on the left again', async () => {
    screenshotOnFailure(() => page, 'languages-back-to-english');
    await api('/api/v1/me', { method: 'PATCH', data: { locale: 'ur' } });
    await page.goto(`${app.url}/settings`);
    await page.getByRole('heading', { name: 'ترتیبات', level: 1 }).waitFor();
    await page.getByTestId('language-select').selectOption('en');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await html()).toEqual({ lang: 'en', dir: 'ltr', direction: 'ltr' });
    expect((await api<TMe>('/api/v1/me')).locale).toBe('en');

    await page.goto(app.url);
    await page.getByTestId('task-list').waitFor();
    const sidebar = await box('[data-testid="sidebar"]');
    const list = await box('[data-testid="task-list"]');
    expect(sidebar.x + sidebar.width).toBeLessThan(list.x + 1);
    const due = page.getByTestId('task-due').first();
    await expect.poll(() => due.textContent()).toMatch(/Mar/);
    expect(await due.textContent()).toMatch(/9:30/);
  });
});
