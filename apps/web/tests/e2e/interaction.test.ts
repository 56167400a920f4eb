import type { TList, TTask, TTaskList } from '@todo/contracts';
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
import { BoardPage } from './pages/board-page';

/** UTC−10 all year: its "today" differs from the browser's (UTC) for ten hours of each day. */
const ZONE = 'Pacific/Honolulu';
const dayInZone = (offset: number) =>
  new Date(Date.now() - 10 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * How a person works the board without the mouse and many tasks at once: the day-grouped smart
 * views, the keyboard shortcuts and their help sheet, the colour theme, bulk actions with undo.
 */
describe.sequential('board interaction in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let board: BoardPage;

  const api = apiThroughPage(() => ({ page, url: app.url }));
  const allTasks = async () =>
    (await api<TTaskList>('/api/v1/tasks?limit=100&sort=created&order=asc')).items;
  const add = (title: string, extra: Record<string, unknown> = {}) =>
    api<TTask>('/api/v1/tasks', { method: 'POST', data: { title, ...extra } });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    board = new BoardPage(page, app.url);
    await board.signUp(`interaction-${Date.now()}@example.com`);
    await api('/api/v1/me', { method: 'PATCH', data: { time_zone: ZONE } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('Upcoming is in due order, one headed group per day in the user’s zone', async () => {
    screenshotOnFailure(() => page, 'day-groups');
    await add('dentist', { due_date: dayInZone(3) });
    await add('call mom', { due_date: dayInZone(1) });
    await add('buy stamps', { due_date: dayInZone(1) });
    await page.goto(app.url);
    await board.waitForList();
    await page.getByTestId('view-upcoming').click();
    await page.waitForURL(/due=upcoming/);
    const groups = page.getByTestId('day-group');
    await expect.poll(() => groups.count()).toBe(2);
    expect(await groups.nth(0).getByRole('heading').textContent()).toBe('Tomorrow');
    expect(await groups.nth(0).getByTestId('task-title').allTextContents()).toEqual(
      expect.arrayContaining(['call mom', 'buy stamps']),
    );
    expect(await groups.nth(1).getByTestId('task-title').allTextContents()).toEqual(['dentist']);
    expect(page.url()).toContain('sort=due');
  });

  it('keyboard: ? opens the help sheet, n and / reach the fields, j/x/e/Delete act on rows, g t goes to Today', async () => {
    screenshotOnFailure(() => page, 'shortcuts');
    await page.goto(app.url);
    await board.waitForList();
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    await page.keyboard.press('Shift+Slash');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.getByRole('heading').textContent()).toBe('Keyboard shortcuts');
    expect(await help.locator('dt').count()).toBeGreaterThan(10);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // The quick-add field is loaded lazily: the key can only reach it once it is there.
    await page.locator('#quick-add').waitFor();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('quick-add');
    // Typed into the field, "n" and "j" are letters, not shortcuts.
    await page.keyboard.type('jn');
    expect(await board.quickAdd().inputValue()).toBe('jn');
    await board.quickAdd().fill('');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Slash');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('board-search');
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    // Newest first: j reaches "dentist" (the last added is first on the page).
    const first = (await board.titles())[0] as string;
    await page.keyboard.press('j');
    const focused = () =>
      page.evaluate(
        () =>
          document.activeElement
            ?.closest('[data-testid="task-item"]')
            ?.querySelector('[data-testid="task-title"]')?.textContent,
      );
    expect(await focused()).toBe(first);
    await page.keyboard.press('j');
    const second = (await board.titles())[1] as string;
    expect(await focused()).toBe(second);
    await page.keyboard.press('k');
    expect(await focused()).toBe(first);

    await page.keyboard.press('x');
    await expect
      .poll(async () => (await allTasks()).find((task) => task.title === first)?.completed)
      .toBe(true);
    await page.keyboard.press('x');
    await expect
      .poll(async () => (await allTasks()).find((task) => task.title === first)?.completed)
      .toBe(false);

    await board.item(first).focus();
    await page.keyboard.press('e');
    await page.locator('[data-editing="true"]').waitFor();
    await page.keyboard.press('Escape');

    await add('scratch note');
    await page.reload();
    await board.waitForList();
    await board.item('scratch note').focus();
    await page.keyboard.press('Delete');
    await board.item('scratch note').waitFor({ state: 'detached' });
    await page.getByTestId('notice-undo').click();
    await board.item('scratch note').waitFor();

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await page.keyboard.press('t');
    await page.waitForURL(/due=today/);
    await expect.poll(() => page.getByTestId('view-name').textContent()).toBe('Today');
    // Nothing is due today in Honolulu: the empty view says what belongs here and how.
    expect(await page.getByTestId('board-empty').textContent()).toContain('Nothing is due today.');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('due=today'));
  });

  it('bulk: select, complete, undo; move to a list, undo; delete with a subtask, undo restores both', async () => {
    screenshotOnFailure(() => page, 'bulk');
    const work = await api<TList>('/api/v1/lists', { method: 'POST', data: { name: 'Work' } });
    await page.goto(app.url);
    await board.waitForList();
    await page.getByTestId('select-mode').click();
    await page.getByLabel('Select call mom').check();
    await page.getByLabel('Select buy stamps').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 selected');

    const bar = page.getByTestId('bulk-bar');
    await bar.getByRole('button', { name: 'Complete' }).click();
    await expect
      .poll(async () =>
        (await allTasks())
          .filter((task) => ['call mom', 'buy stamps'].includes(task.title))
          .map((task) => task.completed),
      )
      .toEqual([true, true]);
    await page.getByTestId('notice-undo').click();
    await expect
      .poll(async () => (await allTasks()).filter((task) => task.completed).length)
      .toBe(0);

    await page.getByLabel('Select dentist').check();
    await bar.getByLabel('Move the selected tasks to').selectOption(String(work.id));
    await bar.getByRole('button', { name: 'Move', exact: true }).click();
    await expect
      .poll(async () => (await allTasks()).find((task) => task.title === 'dentist')?.list_id)
      .toBe(work.id);
    await page.getByTestId('notice-undo').click();
    await expect
      .poll(async () => (await allTasks()).find((task) => task.title === 'dentist')?.list_id)
      .not.toBe(work.id);

    // A parent goes with its subtask, without a confirmation: undo brings both back.
    const parent = (await allTasks()).find((task) => task.title === 'call mom');
    await add('bring flowers', { parent_id: parent?.id });
    await page.reload();
    await board.waitForList();
    await page.getByTestId('select-mode').click();
    const before = (await allTasks()).map((task) => task.title).sort();
    expect(before).toContain('bring flowers');
    await bar.getByRole('button', { name: /Select all/ }).click();
    await bar.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await allTasks()).length).toBe(0);
    // An empty board teaches: the quick-add grammar and the shortcuts sheet.
    const empty = page.getByTestId('board-empty');
    await expect.poll(() => empty.textContent()).toContain('No tasks yet.');
    expect(await empty.textContent()).toContain('Press ? for keyboard shortcuts');
    await page.getByTestId('notice-undo').click();
    await expect
      .poll(async () => (await allTasks()).map((task) => task.title).sort())
      .toEqual(before);
  });

  it('theme: follows the system, a chosen theme sticks across reloads, and axe finds nothing in either', async () => {
    screenshotOnFailure(() => page, 'theme');
    const dark = await browser.newContext({ colorScheme: 'dark', timezoneId: 'UTC' });
    await dark.addCookies(await context.cookies());
    const darkPage = await dark.newPage();
    await darkPage.goto(app.url);
    await new BoardPage(darkPage, app.url).waitForList();
    const background = (target: Page) =>
      target.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background(page);
    expect(await darkPage.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    expect(await background(darkPage)).not.toBe(lightBackground);

    // Chosen light in a dark system: light wins, also after a reload (cookie, server-rendered).
    await darkPage.getByTestId('theme-select').selectOption('light');
    expect(await background(darkPage)).toBe(lightBackground);
    await darkPage.reload();
    await new BoardPage(darkPage, app.url).waitForList();
    expect(await darkPage.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background(darkPage)).toBe(lightBackground);

    await darkPage.getByTestId('theme-select').selectOption('dark');
    expect(await allViolations(darkPage)).toEqual([]);
    await screenshot(darkPage, 'board-dark');
    expect(await allViolations(page)).toEqual([]);
    await dark.close();
  });
});
