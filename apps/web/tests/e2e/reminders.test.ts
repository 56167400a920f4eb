import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, seriousViolations } from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage } from './pages/board-page';

/**
 * A reminder reaches the open board live: the app as `npm start` runs it (embedded PostgreSQL,
 * the reminder workers on), the bell updated by the notification stream through the web app's
 * own origin, with no reload.
 */
describe.sequential('reminders in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** The API as the signed-in page calls it (same origin, its cookie). */
  const api = (path: string, body: object) =>
    page.evaluate(
      async ([url, payload]) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload,
        });
        return { status: response.status, body: await response.json() };
      },
      [path, JSON.stringify(body)] as const,
    );

  it('shows a reminder in the bell and the notification centre as it fires', async () => {
    screenshotOnFailure(() => page, 'reminders-bell');
    await new BoardPage(page, app.url).signUp(`rae-${Date.now()}@example.com`);
    const bell = page.getByTestId('notification-bell');
    await expect
      .poll(() => bell.getAttribute('aria-label'))
      .toBe('Notifications: 0 unread notifications');

    const task = await api('/api/v1/tasks', {
      title: 'Dentist',
      due_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(task.status).toBe(201);
    const reminder = await api(`/api/v1/tasks/${task.body.id}/reminders`, {
      at: new Date(Date.now() + 3_000).toISOString(),
    });
    expect(reminder.status).toBe(201);

    // No reload: the stream brings it.
    await page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
    expect(await bell.getAttribute('aria-label')).toBe('Notifications: 1 unread notification');
    // The centre states times in the user's zone (UTC+14), not the browser's.
    const zone = 'Pacific/Kiritimati';
    const seen = await page.evaluate(async (timeZone) => {
      await fetch('/api/v1/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: timeZone }),
      });
      const list = await (await fetch('/api/v1/notifications?limit=20')).json();
      return {
        browserZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        scheduledFor: list.items[0].scheduled_for as string,
      };
    }, zone);
    expect(seen.browserZone).not.toBe(zone);
    await bell.click();
    const centre = page.getByTestId('notification-centre');
    const shown = centre.getByTestId('notification').filter({ hasText: 'Dentist' });
    await shown.waitFor();
    const inZone = new Intl.DateTimeFormat('en', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
    }).format(new Date(seen.scheduledFor));
    await expect.poll(() => shown.textContent()).toContain(inZone);
    expect(await seriousViolations(page)).toEqual([]);

    await centre.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByTestId('unread-count').waitFor({ state: 'detached' });
    expect(await bell.getAttribute('aria-label')).toBe('Notifications: 0 unread notifications');
  });

  it('edits a task’s reminders in the task editor', async () => {
    const task = await api('/api/v1/tasks', {
      title: 'Call mom',
      due_at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(task.status).toBe(201);
    await page.reload();
    await page
      .getByRole('button', { name: /edit.*call mom/i })
      .first()
      .click();
    await page.getByLabel('Add a reminder before the due').selectOption({ label: '1 hour before' });
    const listed = page.getByTestId('task-reminders');
    await listed.getByText('1 hour before').waitFor();
    await listed.getByRole('button', { name: 'Remove' }).click();
    await listed.getByText('1 hour before').waitFor({ state: 'detached' });
  });

  it('saves the default reminders in settings, kept across reloads', async () => {
    screenshotOnFailure(() => page, 'reminders-settings');
    await page.goto(`${app.url}/settings`);
    await page.getByLabel('New tasks with a time').selectOption({ label: '30 minutes before' });
    await page.getByLabel('New all-day tasks').selectOption({ label: 'The day before' });
    await page.getByRole('button', { name: 'Save reminder settings' }).click();
    await page.getByText('Reminder settings saved').waitFor();

    const saved = await page.evaluate(async () => (await fetch('/api/v1/me/reminders')).json());
    expect(saved).toMatchObject({ timed_offset_minutes: -30, all_day_offset_minutes: -1440 });
    await page.reload();
    await expect.poll(() => page.getByLabel('New tasks with a time').inputValue()).toBe('-30');
    expect(await page.getByLabel('New all-day tasks').inputValue()).toBe('-1440');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
