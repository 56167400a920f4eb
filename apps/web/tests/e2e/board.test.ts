import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  seriousViolations,
} from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage, dayFromToday } from './pages/board-page';

/**
 * The board end to end, against the app started the way `npm start` starts it, on a fresh
 * database. The steps build on each other, in order.
 */
describe.sequential('task board in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let board: BoardPage;
  const userA = `alice-${Date.now()}@example.com`;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    board = new BoardPage(page, app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sends signed-out visitors of the board to sign in', async () => {
    screenshotOnFailure(() => page, 'signed-out-redirect');
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs up and lands on an empty board', async () => {
    screenshotOnFailure(() => page, 'sign-up');
    await board.signUp(userA);
    await page.getByTestId('board-empty').waitFor();
    expect(await page.getByTestId('user-email').textContent()).toBe(userA);
    await board.expectCounts(0, 0, 0);
  });

  it('shows the shared validation messages', async () => {
    screenshotOnFailure(() => page, 'validation');
    const form = board.form();
    await board.quickAdd().fill('   ');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await form.getByText('Type something to add').waitFor();
    await board.quickAdd().fill('something #not/ok');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await form.getByText('Tags may contain letters, digits, "-" and "_"').waitFor();
    expect(await board.quickAdd().getAttribute('aria-invalid')).toBe('true');
    await board.quickAdd().fill('');
    await page.getByTestId('board-empty').waitFor();
  });

  it('creates three tasks with different priorities, due dates and tags', async () => {
    screenshotOnFailure(() => page, 'create');
    await board.create({
      title: 'Buy milk',
      priority: 'high',
      due: dayFromToday(1),
      tags: 'errands',
    });
    await board.create({
      title: 'Write report',
      description: 'Quarterly numbers',
      priority: 'medium',
      due: dayFromToday(-1),
      tags: 'work',
    });
    await board.create({
      title: 'Call mom',
      priority: 'low',
      due: dayFromToday(0),
      tags: 'family, home',
    });
    await board.expectTitles(['Call mom', 'Write report', 'Buy milk']);
    await board.expectCounts(3, 3, 0);
    const due = (title: string) => board.item(title).getByTestId('task-due');
    expect(await due('Write report').getAttribute('data-state')).toBe('overdue');
    expect(await due('Call mom').getAttribute('data-state')).toBe('today');
    expect(await due('Buy milk').getAttribute('data-day')).toBe(dayFromToday(1));
  });

  it('filters, searches and sorts through the URL, and the back button undoes a filter', async () => {
    screenshotOnFailure(() => page, 'filters');
    await page.getByLabel('Priority', { exact: true }).last().selectOption('high');
    await page.waitForURL(/priority=high/);
    await board.expectTitles(['Buy milk']);
    await page.goBack();
    await board.expectTitles(['Call mom', 'Write report', 'Buy milk']);

    await page.getByLabel('Search').fill('report');
    await page.waitForURL(/q=report/);
    await board.expectTitles(['Write report']);
    await page.getByLabel('Search').fill('');
    await page.waitForURL((url) => !url.search.includes('q='));

    await board.item('Call mom').getByRole('button', { name: 'Show tasks tagged home' }).click();
    await page.waitForURL(/tag=home/);
    await board.expectTitles(['Call mom']);
    await page.goto(`${app.url}/`);
    await board.waitForList();

    await page.getByLabel('Sort by').selectOption('priority:desc');
    await page.waitForURL(/sort=priority/);
    await board.expectTitles(['Buy milk', 'Write report', 'Call mom']);
    await page.getByLabel('Sort by').selectOption('due:asc');
    await board.expectTitles(['Write report', 'Call mom', 'Buy milk']);

    // A shared link opens the same view.
    const shared = await context.newPage();
    await shared.goto(`${app.url}/?status=pending&sort=due&order=desc`);
    await new BoardPage(shared, app.url).expectTitles(['Buy milk', 'Call mom', 'Write report']);
    await shared.close();
    await page.goto(`${app.url}/`);
  });

  it('edits a task inline', async () => {
    screenshotOnFailure(() => page, 'edit');
    await board.item('Write report').getByTestId('task-edit').click();
    const editor = page.locator('[data-editing="true"]');
    await editor.getByLabel('Title').fill('Write quarterly report');
    await editor.getByLabel('Priority').selectOption('high');
    await editor.getByTestId('task-save').click();
    await board.item('Write quarterly report').waitFor();
    expect(await board.item('Write quarterly report').getAttribute('data-priority')).toBe('high');
    // Escape cancels an edit and returns focus to its Edit button.
    await board.item('Buy milk').getByTestId('task-edit').click();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Edit Buy milk');
  });

  it('arrives drawn from the server, then asks the API once per filter: the list carries the per-status counts', async () => {
    screenshotOnFailure(() => page, 'one-request');
    const lists: string[] = [];
    const pages: string[] = [];
    const record = (request: {
      url(): string;
      method(): string;
      isNavigationRequest(): boolean;
    }) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname === '/api/v1/tasks') lists.push(url.search);
      else if (url.pathname === '/' && !request.isNavigationRequest()) pages.push(url.search);
    };
    page.on('request', record);
    await page.reload();
    await board.waitForList();
    await board.expectCounts(3, 3, 0);
    expect(lists).toEqual([]);
    await page.getByTestId('status-pending').click();
    await board.expectTitles(['Call mom', 'Write quarterly report', 'Buy milk']);
    await page.getByTestId('status-all').click();
    await expect.poll(() => lists.length).toBe(2);
    await board.expectCounts(3, 3, 0);
    page.off('request', record);
    expect(lists.map((search) => new URLSearchParams(search).get('status'))).toEqual([
      'pending',
      'all',
    ]);
    // A filter is the browser's own read: the page's server component is not rendered again.
    expect(pages).toEqual([]);
  });

  it('completes a task and the counts follow', async () => {
    screenshotOnFailure(() => page, 'complete');
    await board.item('Call mom').getByTestId('task-toggle').check();
    await board.expectCounts(3, 2, 1);
    await page.getByTestId('status-completed').click();
    await board.expectTitles(['Call mom']);
    await page.getByTestId('status-all').click();
  });

  it('deletes a task and undoes it', async () => {
    screenshotOnFailure(() => page, 'delete-undo');
    await board.item('Buy milk').getByTestId('task-delete').click();
    await board.expectTitles(['Call mom', 'Write quarterly report']);
    await board.expectCounts(2, 1, 1);
    await page.getByTestId('notice-undo').click();
    await board.item('Buy milk').waitFor();
    await board.expectCounts(3, 2, 1);
  });

  it('rolls back an optimistic change the server refuses, with a visible message', async () => {
    screenshotOnFailure(() => page, 'rollback');
    await page.route('**/api/v1/tasks/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'service_unavailable', message: 'Database down' },
            }),
          })
        : route.fallback(),
    );
    const toggle = board.item('Buy milk').getByTestId('task-toggle');
    await toggle.click();
    await page
      .getByTestId('notice')
      .getByText('Could not complete the task: Database down')
      .waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await board.expectCounts(3, 2, 1);
    await page.unroute('**/api/v1/tasks/*');
  });

  it('keeps the same state after a reload (the session cookie survives too)', async () => {
    screenshotOnFailure(() => page, 'reload');
    await page.reload();
    // Undo restored "Buy milk" as it was, created first: it is last again, newest first.
    await board.expectTitles(['Call mom', 'Write quarterly report', 'Buy milk']);
    await board.expectCounts(3, 2, 1);
    expect(await board.item('Call mom').getAttribute('data-completed')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'board');
  });

  it('works at 360 px wide, in dark mode, from the keyboard', async () => {
    screenshotOnFailure(() => page, 'narrow');
    const narrow = await browser.newContext({
      viewport: { width: 360, height: 780 },
      colorScheme: 'dark',
      storageState: await context.storageState(),
    });
    const small = await narrow.newPage();
    const smallBoard = new BoardPage(small, app.url);
    await small.goto(`${app.url}/`);
    await smallBoard.expectTitles(['Call mom', 'Write quarterly report', 'Buy milk']);
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await smallBoard.quickAdd().focus();
    await small.keyboard.type('Typed with the keyboard');
    await small.keyboard.press('Enter');
    await smallBoard.item('Typed with the keyboard').waitFor();
    // Focus is visible: the focused control draws an outline.
    await smallBoard.quickAdd().focus();
    await small.keyboard.press('Tab');
    const outline = await small.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    expect(await seriousViolations(small)).toEqual([]);
    await screenshot(small, 'board-360-dark');
    // The assistant's code is not loaded on a phone until its drawer is opened.
    expect(await small.getByTestId('chat-panel').count()).toBe(0);
    await small.getByTestId('assistant-open').click();
    await small.getByTestId('chat-panel').waitFor();
    await narrow.close();
  });

  it('signs out, and a second user sees none of the first user’s tasks', async () => {
    screenshotOnFailure(() => page, 'second-user');
    await board.signOut();
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await board.signUp(`bob-${Date.now()}@example.com`);
    await page.getByTestId('board-empty').waitFor();
    await board.expectCounts(0, 0, 0);
    const response = await page.request.get(`${app.url}/api/v1/tasks?q=milk`);
    expect((await response.json()).total).toBe(0);
  });

  it('takes the time zone from the browser on sign-up and changes it in settings', async () => {
    const karachi = await browser.newContext({ timezoneId: 'Asia/Karachi' });
    const there = await karachi.newPage();
    screenshotOnFailure(() => there, 'time-zone');
    await new BoardPage(there, app.url).signUp(`zone-${Date.now()}@example.com`);
    const me = async () => (await there.request.get(`${app.url}/api/v1/me`)).json();
    expect((await me()).time_zone).toBe('Asia/Karachi');
    await there.goto(`${app.url}/settings`);
    await there.getByLabel('Time zone').selectOption('Pacific/Honolulu');
    await there.getByLabel('Week starts on').selectOption('sunday');
    await there.getByRole('button', { name: 'Save', exact: true }).click();
    await there.getByText('Saved: Pacific/Honolulu, weeks start on sunday').waitFor();
    expect(await me()).toMatchObject({ time_zone: 'Pacific/Honolulu', week_start: 'sunday' });
    await there.getByRole('button', { name: 'Make a calendar feed URL' }).click();
    const url = await there.getByTestId('calendar-feed-url').textContent();
    const feed = await there.request.get(`${app.url}${new URL(url ?? '').pathname}`);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(await seriousViolations(there)).toEqual([]);
    await karachi.close();
  });

  it('sends signed-in visitors of sign-in to the board', async () => {
    await page.goto(`${app.url}/sign-in`);
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
