import type { TList, TTask, TTaskList } from '@todo/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiThroughPage,
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  seriousViolations,
} from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage } from './pages/board-page';

/** UTC+14: its "today" is a day ahead of the server's (UTC) for ten hours of every day. */
const ZONE = 'Pacific/Kiritimati';

/**
 * A calendar day in ZONE, `offset` days from today there. Worked out independently of the app:
 * Kiritimati keeps UTC+14 all year (no daylight saving), so it is UTC shifted by 14 hours.
 */
const dayInZone = (offset: number) =>
  new Date(Date.now() + 14 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The task model on the board, in Chromium against the real app: quick add with its preview,
 * lists in the sidebar, subtasks, repeating tasks and the smart views. The browser runs in UTC
 * while the user's zone is Kiritimati, so any date the browser computed itself would show.
 */
describe.sequential('lists, subtasks, repeats and quick add in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let board: BoardPage;

  const api = apiThroughPage(() => ({ page, url: app.url }));
  const tasksNamed = async (q: string) =>
    (await api<TTaskList>(`/api/v1/tasks?q=${encodeURIComponent(q)}`)).items;
  const lists = async () => (await api<{ items: TList[] }>('/api/v1/lists')).items;
  const addLine = async (line: string) => {
    await board.quickAdd().fill(line);
    await board.quickAdd().press('Enter');
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    board = new BoardPage(page, app.url);
    await board.signUp(`model-${Date.now()}@example.com`);
    await api('/api/v1/me', { method: 'PATCH', data: { time_zone: ZONE } });
    await page.reload();
    await board.waitForList();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('previews a quick-add line as chips; undoing one chip leaves that part out', async () => {
    screenshotOnFailure(() => page, 'quick-add');
    await board.quickAdd().fill('pay rent every month on the 1st #home !high');
    const chip = (kind: string) =>
      page.locator(`[data-testid="quick-add-chip"][data-kind="${kind}"]`);
    await chip('recurrence').waitFor();
    // The chip says the rule in the server's words ("on the 1st of each month").
    expect(await chip('recurrence').textContent()).toMatch(/^Repeats: .*1st.*month/);
    expect(await chip('tag').textContent()).toContain('Tag: #home');
    expect(await chip('priority').textContent()).toContain('Priority: high');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'quick-add-preview');

    await chip('priority').getByRole('button', { name: 'Remove Priority: high' }).click();
    expect(await board.quickAdd().inputValue()).toBe('pay rent every month on the 1st #home');
    await expect.poll(() => chip('priority').count()).toBe(0);
    await board.quickAdd().press('Enter');
    await board.item('pay rent').waitFor();

    const [rent, ...others] = await tasksNamed('pay rent');
    expect(others).toEqual([]);
    expect(rent).toMatchObject({ title: 'pay rent', priority: 'medium', tags: ['home'] });
    expect(rent?.recurrence).toContain('FREQ=MONTHLY');
    expect(rent?.recurrence).toContain('BYMONTHDAY=1');
    expect(await board.item('pay rent').getByTestId('task-recurrence').textContent()).toContain(
      rent?.recurrence_text ?? 'missing',
    );
    expect(await board.quickAdd().inputValue()).toBe('');
  });

  it('adds several tasks from one line', async () => {
    screenshotOnFailure(() => page, 'quick-add-several');
    await board.quickAdd().fill('eggs, milk and bread #shop');
    await page.getByTestId('quick-add-titles').getByText('Adds 3 tasks').waitFor();
    await board.quickAdd().press('Enter');
    for (const title of ['eggs', 'milk', 'bread']) await board.item(title).waitFor();
    expect((await api<TTaskList>('/api/v1/tasks?tag=shop')).total).toBe(3);
  });

  it('creates a list in the sidebar, files a task with @list, filters by it, deletes it with move_to', async () => {
    screenshotOnFailure(() => page, 'lists');
    const sidebar = page.getByTestId('sidebar');
    await sidebar.getByLabel('New list name').fill('Errands');
    await sidebar.getByRole('button', { name: 'Add list' }).click();
    const errands = (await lists()).find((list) => list.name === 'Errands');
    expect(errands).toBeDefined();
    await page.waitForURL(new RegExp(`list=${errands?.id}`));
    await page.getByTestId('board-empty').waitFor();
    await page.getByTestId('view-all').click();
    await page.waitForURL((url) => !url.search.includes('list='));

    await addLine('buy stamps @errands');
    await board.item('buy stamps').waitFor();
    const entry = sidebar.locator(`[data-list-id="${errands?.id}"]`);
    await expect.poll(() => entry.getByTestId('list-count').textContent()).toBe('1 open');
    expect((await tasksNamed('buy stamps'))[0]?.list_id).toBe(errands?.id);

    await entry.getByTestId('list-select').click();
    await page.waitForURL(new RegExp(`list=${errands?.id}`));
    await board.expectTitles(['buy stamps']);
    expect(await page.getByTestId('view-name').textContent()).toBe('Errands');
    // A task added while the list is selected lands in it.
    await addLine('post parcel');
    await board.expectTitles(['post parcel', 'buy stamps']);
    await page.goBack();
    await expect.poll(async () => (await board.titles()).length).toBeGreaterThan(2);

    await entry.getByRole('button', { name: 'Edit list Errands' }).click();
    const editor = page.getByTestId('list-editor');
    await editor.getByLabel('Name').fill('Shopping');
    await editor.getByLabel('Colour').selectOption('green');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await lists()).find((list) => list.id === errands?.id))
      .toMatchObject({ name: 'Shopping', color: 'green' });

    await entry.getByRole('button', { name: 'Edit list Shopping' }).click();
    await editor.getByRole('button', { name: 'Delete list…' }).click();
    const confirm = editor.getByTestId('list-delete-confirm');
    await confirm.getByText('Move its tasks to').waitFor();
    await confirm.getByText('Delete the tasks').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'list-delete-confirm');
    const inbox = (await lists()).find((list) => list.is_inbox);
    expect(await confirm.getByLabel('List to move the tasks to').inputValue()).toBe(
      String(inbox?.id),
    );
    await confirm.getByRole('button', { name: 'Delete list' }).click();
    await expect.poll(() => entry.count()).toBe(0);
    expect((await lists()).map((list) => list.name)).not.toContain('Shopping');
    const moved = [...(await tasksNamed('buy stamps')), ...(await tasksNamed('post parcel'))];
    expect(moved.map((task) => task.list_id)).toEqual([inbox?.id, inbox?.id]);
    await expect
      .poll(() => page.getByTestId('view-inbox').getByTestId('list-count').textContent())
      .toBe(`${(await lists()).find((list) => list.is_inbox)?.open_tasks} open`);
  });

  it('keeps the Inbox: the API refuses to delete it and the sidebar offers no way to', async () => {
    const inbox = (await lists()).find((list) => list.is_inbox);
    expect(inbox).toBeDefined();
    const response = await page.request.delete(`${app.url}/api/v1/lists/${inbox?.id}`, {
      headers: { origin: app.url },
    });
    expect(response.status()).toBe(409);
    expect(await page.getByRole('button', { name: 'Edit list Inbox' }).count()).toBe(0);
  });

  it('adds two subtasks under a task; completing one shows 1/2; deleting the parent warns', async () => {
    screenshotOnFailure(() => page, 'subtasks');
    await page.goto(`${app.url}/`);
    await addLine('plan trip');
    const parent = board.item('plan trip');
    await parent.waitFor();
    await expect
      .poll(async () => Number(await parent.getAttribute('data-task-id')))
      .toBeGreaterThan(0);
    await parent.getByTestId('task-subtasks-toggle').click();
    const input = parent.getByLabel('Add a subtask to plan trip');
    for (const title of ['book flights', 'pack bags']) {
      await input.fill(title);
      await input.press('Enter');
      await parent.getByTestId('subtask-item').getByText(title).waitFor();
    }
    await expect.poll(() => parent.getByTestId('task-progress').textContent()).toBe('0/2');
    await parent.getByLabel('book flights').check();
    await expect.poll(() => parent.getByTestId('task-progress').textContent()).toBe('1/2');
    expect(await parent.getByTestId('task-subtasks-toggle').getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'subtasks');
    // Subtasks stay under their parent, not on the board's top level.
    expect(await board.titles()).not.toContain('book flights');

    const [plan] = await tasksNamed('plan trip');
    expect(plan).toMatchObject({ subtask_count: 2, subtasks_done: 1 });
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await parent.getByTestId('task-delete').click();
    await expect.poll(() => parent.count()).toBe(0);
    expect(asked).toContain('Its 2 subtasks are deleted too');
    expect(await tasksNamed('book flights')).toEqual([]);
  });

  it('completing a repeating task shows that the next one was made, with its due', async () => {
    screenshotOnFailure(() => page, 'recurring');
    const tomorrow = dayInZone(1);
    await addLine(`water plants every day ${tomorrow}`);
    const row = board.item('water plants');
    await row.waitFor();
    await expect
      .poll(async () => Number(await row.getAttribute('data-task-id')))
      .toBeGreaterThan(0);
    expect(await row.getByTestId('task-due').getAttribute('data-day')).toBe(tomorrow);
    await row.getByTestId('task-toggle').check();
    await page.getByTestId('notice').getByText('Next “water plants” created, due').waitFor();

    const rows = board.page.getByTestId('task-item').filter({ hasText: 'water plants' });
    await expect.poll(() => rows.count()).toBe(2);
    const next = rows.and(page.locator('[data-completed="false"]'));
    expect(await next.getByTestId('task-due').getAttribute('data-day')).toBe(dayInZone(2));
    const [open] = (await tasksNamed('water plants')).filter((task: TTask) => !task.completed);
    expect(open?.due_date).toBe(dayInZone(2));
  });

  it('smart views follow the user’s zone (UTC+14), not the browser’s (UTC)', async () => {
    screenshotOnFailure(() => page, 'smart-views');
    const add = (title: string, due: Record<string, string>) =>
      api<TTask>('/api/v1/tasks', { method: 'POST', data: { title, ...due } });
    await add('due today there', { due_date: dayInZone(0) });
    await add('due yesterday there', { due_date: dayInZone(-1) });
    await add('due next week there', { due_date: dayInZone(8) });
    // 10:00 tomorrow in Kiritimati is 20:00 UTC today: the browser's zone would show 20:00.
    const tenThere = `${dayInZone(1)}T10:00:00+14:00`;
    await add('call at ten', { due_at: tenThere });
    await page.goto(`${app.url}/`);
    await board.waitForList();

    const view = async (name: 'today' | 'overdue' | 'upcoming') => {
      await page.getByTestId(`view-${name}`).click();
      await page.waitForURL(new RegExp(`due=${name}`));
      await board.waitForList();
      await expect
        .poll(() => page.getByTestId(`view-${name}`).getAttribute('aria-current'))
        .toBe('page');
    };
    await view('today');
    await expect
      .poll(async () => (await board.titles()).filter((title) => title.includes('there')))
      .toEqual(['due today there']);
    expect(
      await board.item('due today there').getByTestId('task-due').getAttribute('data-state'),
    ).toBe('today');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'smart-view-today');

    await view('overdue');
    await expect
      .poll(async () => (await board.titles()).filter((title) => title.includes('there')))
      .toEqual(['due yesterday there']);
    expect(
      await board.item('due yesterday there').getByTestId('task-due').getAttribute('data-state'),
    ).toBe('overdue');

    await view('upcoming');
    await expect.poll(() => board.titles()).toContain('due next week there');
    const dueAt = board.item('call at ten').getByTestId('task-due');
    expect(await dueAt.getAttribute('data-day')).toBe(dayInZone(1));
    expect(await dueAt.textContent()).toMatch(/\b10:00\b/);
    expect(await dueAt.textContent()).toContain(String(Number(dayInZone(1).slice(8))));
  });

  it('the sidebar is a drawer on small screens: a labelled toggle, focus inside, Escape closes', async () => {
    const narrow = await browser.newContext({
      viewport: { width: 360, height: 780 },
      storageState: await context.storageState(),
    });
    const small = await narrow.newPage();
    screenshotOnFailure(() => small, 'drawer');
    await small.goto(`${app.url}/`);
    await new BoardPage(small, app.url).waitForList();
    const toggle = small.getByRole('button', { name: 'Lists and views' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await small.getByTestId('sidebar').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => small.evaluate(() => document.activeElement?.closest('#board-sidebar') !== null))
      .toBe(true);
    expect(await seriousViolations(small)).toEqual([]);
    await screenshot(small, 'sidebar-drawer-360');
    await small.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await small.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe(
      'board-sidebar',
    );
    // Choosing a view closes the drawer too.
    await toggle.click();
    await small.getByTestId('view-today').click();
    await small.waitForURL(/due=today/);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await narrow.close();
  });
});
