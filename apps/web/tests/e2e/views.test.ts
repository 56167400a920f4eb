import { gzipSync } from 'node:zlib';
import type { TList, TTask } from '@todo/contracts';
import type { Browser, Locator, Page } from 'playwright-core';
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

/** UTC+14 all year (no daylight saving): its days differ from UTC's for ten hours of each day. */
const ZONE = 'Pacific/Kiritimati';
const dayInZone = (offset: number) =>
  new Date(Date.now() + 14 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** The budget for each view's first-load JS. */
const FIRST_LOAD_MAX_BYTES = 170 * 1024;

/**
 * The Kanban, calendar and stats views in Chromium against the real app (PGlite, the offline
 * assistant). The browser runs in UTC while the user's zone is Kiritimati, so a day the browser
 * computed itself would show.
 */
describe.sequential('Kanban, calendar and stats views in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let page: Page;

  const api = apiThroughPage(() => ({ page, url: app.url }));
  const task = (id: number) => api<TTask>(`/api/v1/tasks/${id}`);

  /** Presses, moves in steps (past dnd-kit's 5 px activation distance) and releases the mouse. */
  async function dragByMouse(from: Locator, to: Locator) {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('nothing to drag or nowhere to drop');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 40), { steps: 12 });
    await page.mouse.up();
  }

  /** The view arrives drawn by the server; it takes drags and keys once React has hydrated it. */
  const hydrated = (view: 'kanban' | 'calendar') =>
    page.locator(`[data-testid="${view}"][data-hydrated="true"]`).waitFor();
  const liveRegion = () => page.locator('[id^="DndLiveRegion"]');
  /** Two animation frames of the page: what it renders and measures next has happened. */
  const nextFrames = () =>
    page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  /** Space picks up, each arrow waits for its announcement, Space drops (as a person would). */
  async function moveByKeyboard(item: Locator, arrows: string[], over: string) {
    await item.focus();
    await page.keyboard.press('Space');
    // Picked up: dnd-kit announces it, then where the item is.
    await expect.poll(() => liveRegion().textContent()).toMatch(/Picked up|is over/);
    // dnd-kit measures the drop targets as the drag starts and moves on the next frames: a key
    // pressed before then is lost on a busy machine.
    for (const arrow of arrows) {
      await nextFrames();
      await page.keyboard.press(arrow);
    }
    await expect.poll(() => liveRegion().textContent()).toContain(`is over ${over}`);
    await page.keyboard.press('Space');
  }

  /**
   * The first-load JS of a page as its HTML loads it, gzip-compressed (as `npm run bench`): its
   * script tags (not the `noModule` polyfills) and the chunks its flight data names, which the
   * page fetches before it hydrates.
   */
  async function firstLoadBytes(path: string) {
    const html = await (await page.request.get(`${app.url}${path}`)).text();
    const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)];
    const noModule = new Set(
      tags.filter((match) => match[0].includes('noModule')).map((match) => match[1]),
    );
    const named = [...html.matchAll(/static\/chunks\/[\w.~-]+(?:\/[\w.~-]+)*\.js/g)].map(
      (match) => `/_next/${match[0]}`,
    );
    const scripts = [...tags.map((match) => match[1] ?? ''), ...named].filter(
      (src) => src && !noModule.has(src),
    );
    expect(scripts.length, path).toBeGreaterThan(0);
    let bytes = 0;
    for (const src of new Set(scripts)) {
      const body = await (await page.request.get(new URL(src, app.url).toString())).body();
      bytes += gzipSync(body, { level: 9 }).length;
    }
    return bytes;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    await new BoardPage(page, app.url).signUp(`views-${Date.now()}@example.com`);
    await api('/api/v1/me', { method: 'PATCH', data: { time_zone: ZONE, week_start: 'monday' } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('Kanban: moves a card by mouse and by keyboard into custom columns, kept across reloads', async () => {
    screenshotOnFailure(() => page, 'kanban');
    const list = await api<TList>('/api/v1/lists', { method: 'POST', data: { name: 'Project' } });
    await api(`/api/v1/lists/${list.id}`, {
      method: 'PATCH',
      data: { kanban_columns: ['Backlog', 'Doing', 'Done'] },
    });
    const spec = await api<TTask>('/api/v1/tasks', {
      method: 'POST',
      data: { title: 'Write spec', list_id: list.id, priority: 'high' },
    });
    const ship = await api<TTask>('/api/v1/tasks', {
      method: 'POST',
      data: { title: 'Ship it', list_id: list.id, due_date: dayInZone(2) },
    });
    await page.goto(`${app.url}/kanban?list=${list.id}&group=custom`);
    await hydrated('kanban');
    const column = (key: string) =>
      page.locator(`[data-testid="kanban-column"][data-column="${key}"]`);
    const card = (id: number) => page.locator(`[data-testid="kanban-card"][data-task-id="${id}"]`);
    await column('column:Backlog').locator(`[data-task-id="${spec.id}"]`).waitFor();

    await dragByMouse(card(spec.id), column('column:Doing'));
    await column('column:Doing').locator(`[data-task-id="${spec.id}"]`).waitFor();
    await expect.poll(async () => (await task(spec.id)).kanban_column).toBe('Doing');

    // Keyboard: Space picks up, each arrow is one column, Space drops; every step is announced.
    await moveByKeyboard(card(ship.id), ['ArrowRight', 'ArrowRight'], 'Done');
    await column('column:Done').locator(`[data-task-id="${ship.id}"]`).waitFor();
    await expect.poll(async () => (await task(ship.id)).kanban_column).toBe('Done');
    await expect.poll(() => liveRegion().textContent()).toContain('Ship it was moved to Done');

    await page.reload();
    await column('column:Doing').locator(`[data-task-id="${spec.id}"]`).waitFor();
    await column('column:Done').locator(`[data-task-id="${ship.id}"]`).waitFor();
    expect(await column('column:Backlog').getByTestId('kanban-card').count()).toBe(0);
    expect(await allViolations(page)).toEqual([]);
    await screenshot(page, 'view-kanban');

    // The grouping is in the URL: switching pushes a page, the back button returns.
    await page.getByText('Priority', { exact: true }).click();
    await page.waitForURL(/group=priority/);
    await column('high').locator(`[data-task-id="${spec.id}"]`).waitFor();
    await dragByMouse(card(spec.id), column('low'));
    await expect.poll(async () => (await task(spec.id)).priority).toBe('low');
    await page.goBack();
    await page.waitForURL(/group=custom/);
    await column('column:Doing').waitFor();
  });

  it('Kanban: a move the server refuses is undone, with its message', async () => {
    screenshotOnFailure(() => page, 'kanban-rollback');
    const list = await api<TList>('/api/v1/lists', { method: 'POST', data: { name: 'Rollback' } });
    const doomed = await api<TTask>('/api/v1/tasks', {
      method: 'POST',
      data: { title: 'Deleted elsewhere', list_id: list.id },
    });
    await page.goto(`${app.url}/kanban?list=${list.id}&group=status`);
    await hydrated('kanban');
    const open = page.locator('[data-testid="kanban-column"][data-column="open"]');
    const card = open.locator(`[data-task-id="${doomed.id}"]`);
    await card.waitFor();
    // Deleted in another tab: the PATCH the move sends answers 404.
    await api(`/api/v1/tasks/${doomed.id}`, { method: 'DELETE' });
    await moveByKeyboard(card, ['ArrowRight'], 'Done');
    await expect
      .poll(() => page.getByTestId('kanban').getByRole('alert').allTextContents())
      .toEqual([expect.stringContaining('Could not move “Deleted elsewhere” to Done')]);
    await card.waitFor();
    expect(
      await page.locator('[data-column="done"]').locator(`[data-task-id="${doomed.id}"]`).count(),
    ).toBe(0);
  });

  it('Calendar: shows a repeating task’s occurrences and reschedules by mouse and keyboard', async () => {
    screenshotOnFailure(() => page, 'calendar');
    const weekly = await api<TTask>('/api/v1/tasks', {
      method: 'POST',
      data: { title: 'Team sync', due_date: '2027-03-03', recurrence: 'FREQ=WEEKLY;BYDAY=WE' },
    });
    const dentist = await api<TTask>('/api/v1/tasks', {
      method: 'POST',
      data: { title: 'Dentist', due_at: '2027-03-10T09:30:00+14:00' },
    });
    await page.goto(`${app.url}/calendar?date=2027-03-10`);
    await hydrated('calendar');
    const day = (date: string) => page.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
    const entries = (id: number) =>
      page.locator(`[data-testid="calendar-entry"][data-task-id="${id}"]`);
    await day('2027-03-10').locator(`[data-task-id="${dentist.id}"]`).waitFor();
    expect(await page.getByTestId('calendar-heading').textContent()).toBe('March 2027');
    // Monday-first weeks: March 2027 starts on a Monday and needs five weeks.
    expect(await page.getByTestId('calendar-day').count()).toBe(35);
    await expect
      .poll(
        async () =>
          await entries(weekly.id).evaluateAll((els) =>
            els.map((el) => el.closest('[data-date]')?.getAttribute('data-date')),
          ),
      )
      .toEqual(['2027-03-03', '2027-03-10', '2027-03-17', '2027-03-24', '2027-03-31']);
    // The time is the user's 09:30, not the browser's (UTC) 19:30 the day before.
    expect(await entries(dentist.id).textContent()).toMatch(/9:30/);
    expect(await allViolations(page)).toEqual([]);
    await screenshot(page, 'view-calendar');

    await dragByMouse(entries(dentist.id), day('2027-03-12'));
    await expect.poll(async () => (await task(dentist.id)).due_at).toBe('2027-03-11T19:30:00.000Z');

    // The occurrence on the 17th, one day right by keyboard: the series now runs from the 18th.
    const seventeenth = day('2027-03-17').locator(`[data-task-id="${weekly.id}"]`);
    await moveByKeyboard(seventeenth, ['ArrowRight'], 'Thursday, March 18');
    await expect.poll(async () => (await task(weekly.id)).due_date).toBe('2027-03-18');
    expect((await task(weekly.id)).recurrence).toBe('FREQ=WEEKLY;BYDAY=WE');

    await page.reload();
    await day('2027-03-12').locator(`[data-task-id="${dentist.id}"]`).waitFor();
    await expect
      .poll(
        async () =>
          await entries(weekly.id).evaluateAll((els) =>
            els.map((el) => el.closest('[data-date]')?.getAttribute('data-date')),
          ),
      )
      .toEqual(['2027-03-18', '2027-03-24', '2027-03-31']);

    // Week view and paging live in the URL; the back button walks back.
    await page.getByText('Week', { exact: true }).click();
    await page.waitForURL(/view=week/);
    expect(await page.getByTestId('calendar-day').count()).toBe(7);
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.waitForURL(/date=2027-03-17/);
    await page.goBack();
    await page.waitForURL(/date=2027-03-10/);
    await day('2027-03-12').locator(`[data-task-id="${dentist.id}"]`).waitFor();

    // One list at a time: the Project list has nothing that week, the Inbox has the dentist.
    await page.getByLabel('List').selectOption({ label: 'Project' });
    await page.waitForURL(/list=\d+/);
    await expect.poll(() => page.getByTestId('calendar-entry').count()).toBe(0);
    await page.getByLabel('List').selectOption({ label: 'Inbox' });
    await day('2027-03-12').locator(`[data-task-id="${dentist.id}"]`).waitFor();
  });

  it('Stats: the seeded history’s numbers, counted on the days of the user’s zone', async () => {
    screenshotOnFailure(() => page, 'stats');
    const long = `${dayInZone(-60)}T12:00:00+14:00`;
    const base = {
      description: null,
      due_date: null,
      due_at: null,
      recurrence: null,
      recurrence_from: 'due',
      tags: [],
      created_at: long,
      kanban_column: null,
    };
    // Two completions at 00:30 and 23:30 Kiritimati time two days ago: one day there, two in UTC.
    await api('/api/v1/import', {
      method: 'POST',
      data: {
        format: 'todo-chatbot',
        document: {
          format: 'todo-chatbot-export',
          version: 1,
          exported_at: new Date().toISOString(),
          user: { time_zone: ZONE, week_start: 'monday' },
          lists: [
            { ref: 0, name: 'Inbox', color: 'grey', position: 0, is_inbox: true },
            { ref: 1, name: 'Errands', color: 'green', position: 9, is_inbox: false },
          ],
          tasks: [
            {
              ...base,
              ref: 0,
              list_ref: 0,
              parent_ref: null,
              title: 'early',
              completed: true,
              priority: 'medium',
              completed_at: `${dayInZone(-2)}T00:30:00+14:00`,
            },
            {
              ...base,
              ref: 1,
              list_ref: 0,
              parent_ref: null,
              title: 'late',
              completed: true,
              priority: 'medium',
              completed_at: `${dayInZone(-2)}T23:30:00+14:00`,
            },
            {
              ...base,
              ref: 2,
              list_ref: 1,
              parent_ref: null,
              title: 'milk',
              completed: false,
              priority: 'high',
              completed_at: null,
            },
            {
              ...base,
              ref: 3,
              list_ref: 1,
              parent_ref: null,
              title: 'bread',
              completed: false,
              priority: 'high',
              completed_at: null,
            },
            {
              ...base,
              ref: 4,
              list_ref: 0,
              parent_ref: null,
              title: 'bill',
              completed: false,
              priority: 'low',
              completed_at: null,
              due_date: dayInZone(-3),
            },
          ],
          conversations: [],
        },
      },
    });
    const stats = await api<{ open_by_priority: { priority: string; count: number }[] }>(
      '/api/v1/stats',
    );
    await page.goto(`${app.url}/stats`);
    await page.getByTestId('stats').waitFor();
    const values = async (id: string) =>
      page
        .getByTestId(`${id}-table`)
        .locator('tbody td')
        .allTextContents()
        .then((cells) => cells.map(Number));
    const perDay = await values('stats-per-day');
    expect(perDay).toHaveLength(30);
    // Index 29 is today there, 27 two days ago: both completions, none the day before.
    expect(perDay[27]).toBe(2);
    expect(perDay.reduce((a, b) => a + b, 0)).toBe(2);
    expect((await values('stats-per-week')).reduce((a, b) => a + b, 0)).toBe(2);
    const overdue = await values('stats-overdue');
    expect(overdue.slice(25)).toEqual([0, 1, 1, 1, 1]);
    expect(await values('stats-by-priority')).toEqual(
      ['high', 'medium', 'low'].map(
        (p) => stats.open_by_priority.find((r) => r.priority === p)?.count,
      ),
    );
    const byList = page.getByTestId('stats-by-list-table');
    expect(await byList.locator('tbody tr').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Errands\s*2$/)]),
    );
    // The charts drew, each value written on its bar.
    await page.getByTestId('bar-chart').first().locator('svg').waitFor();
    expect(await page.locator('.ct-bar-value').first().textContent()).toBe('2');
    expect(await allViolations(page)).toEqual([]);
    await screenshot(page, 'view-stats');
  });

  it('each view keeps the selected list in the Views links and stays within the first-load budget', async () => {
    const list = (await api<{ items: TList[] }>('/api/v1/lists')).items.find((l) => !l.is_inbox);
    await page.goto(`${app.url}/kanban?list=${list?.id}`);
    await hydrated('kanban');
    await page.getByTestId('views-calendar').click();
    await page.waitForURL(new RegExp(`/calendar\\?list=${list?.id}$`));
    await page.getByTestId('views-board').click();
    await page.waitForURL(new RegExp(`/\\?list=${list?.id}$`));
    for (const path of ['/kanban', '/calendar', '/stats', '/']) {
      const bytes = await firstLoadBytes(path);
      console.log(`first-load JS of ${path}: ${(bytes / 1024).toFixed(1)} kB gzip`);
      expect(bytes, path).toBeLessThanOrEqual(FIRST_LOAD_MAX_BYTES);
    }
  });
});
