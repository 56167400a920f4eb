import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  seriousViolations,
} from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage, dayFromToday } from './pages/board-page';

/** The assistant's chat panel beside the board, with the offline assistant (no LLM key). */
describe.sequential('assistant chat panel in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let page: Page;
  let board: BoardPage;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp({ LLM_PROVIDER: 'offline' }), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    board = new BoardPage(page, app.url);
    await board.signUp(`chat-${Date.now()}@example.com`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const buyMilk = () =>
    page
      .getByTestId('task-item')
      .filter({ has: page.getByTestId('task-title').getByText(/buy milk/i) });

  async function say(text: string) {
    const input = page.getByTestId('chat-input');
    await input.fill(text);
    const replies = await page.getByTestId('chat-message-assistant').count();
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('chat-message-assistant').count(), { timeout: 20_000 })
      .toBe(replies + 1);
    // The turn is over when the input is usable again.
    await expect.poll(() => input.isEnabled(), { timeout: 20_000 }).toBe(true);
  }

  it('adds a task from the chat; the board shows it without a reload', async () => {
    screenshotOnFailure(() => page, 'chat-add');
    await page.getByTestId('chat-panel').waitFor();
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await say('add buy milk tomorrow high priority');
    const card = page.getByTestId('tool-card').first();
    await card.waitFor();
    expect(await card.getAttribute('data-tool')).toBe('add_task');
    // A readable card: the task's title and its due day; the reply offers to undo the change.
    expect(await card.textContent()).toMatch(/Added.*“buy milk” · Inbox · due/);
    const reply = page.getByTestId('chat-message-assistant').last();
    await reply.getByTestId('chat-undo').waitFor();
    await buyMilk().waitFor({ timeout: 10_000 });
    expect(await buyMilk().getAttribute('data-priority')).toBe('high');
    expect(await buyMilk().getByTestId('task-due').getAttribute('data-day')).toBe(dayFromToday(1));
    // Same document: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('completes it from the chat', async () => {
    screenshotOnFailure(() => page, 'chat-complete');
    await say('done with buy milk');
    await expect
      .poll(() => buyMilk().getAttribute('data-completed'), { timeout: 10_000 })
      .toBe('true');
    await board.expectCounts(1, 0, 1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'board-with-assistant');
  });

  it('undoes a turn’s changes from its reply: the task is open again', async () => {
    screenshotOnFailure(() => page, 'chat-undo');
    const reply = page.getByTestId('chat-message-assistant').last();
    await reply.getByTestId('chat-undo').click();
    await reply.getByTestId('chat-undone').waitFor();
    expect(await reply.getByTestId('chat-undone').textContent()).toBe('Undone');
    await expect
      .poll(() => buyMilk().getAttribute('data-completed'), { timeout: 10_000 })
      .toBe('false');
  });

  it('a delete waits on its card: Decline (keyboard) keeps the task, Approve deletes it', async () => {
    screenshotOnFailure(() => page, 'chat-approval');
    const approvalCard = () =>
      page.getByTestId('tool-card').and(page.locator('[data-state="approval"]'));
    await say('delete buy milk');
    await approvalCard().waitFor();
    expect(await approvalCard().textContent()).toMatch(/Delete «buy milk»\?/);
    expect(await seriousViolations(page)).toEqual([]);
    await approvalCard().getByRole('button', { name: 'Decline' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/left everything as it was/).waitFor({ timeout: 20_000 });
    expect(await approvalCard().count()).toBe(0);
    expect(await buyMilk().count()).toBe(1);

    await say('delete buy milk');
    await approvalCard().waitFor();
    await approvalCard().getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Done: Delete «buy milk»/).waitFor({ timeout: 20_000 });
    await expect.poll(() => buyMilk().count(), { timeout: 10_000 }).toBe(0);

    // The approved delete ran in the continuation of the reply that asked: its Undo brings it back.
    const reply = page.getByTestId('chat-message-assistant').last();
    await reply.getByTestId('chat-undo').click();
    await reply.getByTestId('chat-undone').waitFor();
    await expect.poll(() => buyMilk().count(), { timeout: 10_000 }).toBe(1);
  });

  it('lists the conversation, starts a new one and deletes the old', async () => {
    screenshotOnFailure(() => page, 'chat-conversations');
    await page.getByText(/Conversations \(1\)/).click();
    await page.getByTestId('chat-new').click();
    expect(await page.getByTestId('chat-message-assistant').count()).toBe(0);
    await page
      .getByTestId('chat-conversations')
      .getByRole('button', { name: /^Delete conversation/ })
      .click();
    await page.getByText(/Conversations \(0\)/).waitFor();
  });
});

describe.sequential('API keys settings page', () => {
  let app: Running;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    page = await (await browser.newContext()).newPage();
    await new BoardPage(page, app.url).signUp(`keys-${Date.now()}@example.com`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a key (password required, with an expiry) shown once, lists it by prefix, and revokes it', async () => {
    screenshotOnFailure(() => page, 'api-keys');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${app.url}/settings`);
    await page.getByLabel('Key name').fill('Laptop');
    await page.getByLabel('Your password').fill('not my password');
    await page.getByTestId('api-key-create').click();
    await page.getByRole('alert').filter({ hasText: 'The password is not correct' }).waitFor();
    expect(await page.getByTestId('api-key-item').count()).toBe(0);
    await page.getByLabel('Your password').fill('correct horse battery');
    await page.getByLabel('Expires').selectOption('30');
    await page.getByTestId('api-key-create').click();
    const secret = (await page.getByTestId('api-key-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const item = page.getByTestId('api-key-item').filter({ hasText: 'Laptop' });
    await item.waitFor();
    expect(await item.textContent()).not.toContain(secret);
    expect(await item.textContent()).toContain('expires');
    expect(await seriousViolations(page)).toEqual([]);
    // The list shows only the key's prefix (the MCP suite checks that the key works on /mcp).
    const prefix = ((await item.locator('code').textContent()) ?? '').replace('…', '');
    expect(prefix.length).toBeGreaterThan(3);
    expect(secret.startsWith(prefix)).toBe(true);
    await page.reload();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    await item.getByRole('button', { name: 'Revoke Laptop' }).click();
    await page.getByTestId('api-keys-empty').waitFor();
  });
});
