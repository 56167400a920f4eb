import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  seriousViolations,
} from '../support/browser';
import { type Running, startApp } from '../support/servers';
import { BoardPage } from './pages/board-page';

/**
 * The account part of settings in two browsers of one user: the name, where they are signed in,
 * a password change that signs the other browser out, and deleting the account.
 */
describe.sequential('account settings in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let laptop: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let other: Page;
  const email = `erin-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  const newPassword = 'a brand new horse';
  // The longest a replica may reuse a verified session: the other browser must be out sooner.
  const sessionCacheTtlMs = 30_000;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startApp({ SESSION_CACHE_TTL_MS: String(sessionCacheTtlMs) }),
      launchBrowser(),
    ]);
    laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    page = await laptop.newPage();
    other = await phone.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signIn(on: Page, secret: string) {
    await on.goto(`${app.url}/sign-in`);
    await on.getByLabel('Email').fill(email);
    await on.getByLabel('Password').fill(secret);
    await on.getByRole('button', { name: 'Sign in' }).click();
  }

  it('saves the name and lists both browsers, this one marked', async () => {
    screenshotOnFailure(() => page, 'account-sessions');
    await new BoardPage(page, app.url).signUp(email, password);
    await signIn(other, password);
    await other.waitForURL(`${app.url}/`);

    await page.goto(`${app.url}/settings`);
    await page.getByLabel('Your name').fill('Erin Example');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Name saved').waitFor();
    await page.reload();
    await page.getByTestId('session-item').nth(1).waitFor();
    expect(await page.getByLabel('Your name').inputValue()).toBe('Erin Example');
    const items = await page.getByTestId('session-item').allTextContents();
    expect(items).toHaveLength(2);
    expect(items.filter((text) => text.includes('this browser'))).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-account');
  });

  it('a password change signs the other browser out within the session-cache TTL', async () => {
    screenshotOnFailure(() => page, 'account-password');
    // The other browser's session was just verified, so the API holds it in its cache.
    const me = await other.request.get(`${app.url}/api/v1/me`);
    expect(me.status()).toBe(200);
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill(password);
    await form.getByLabel('New password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Every other browser and device was signed out').waitFor();
    const changedAt = Date.now();

    expect((await other.request.get(`${app.url}/api/v1/me`)).status()).toBe(401);
    await other.goto(`${app.url}/`);
    expect(new URL(other.url()).pathname).toBe('/sign-in');
    expect(Date.now() - changedAt).toBeLessThan(sessionCacheTtlMs);
    await page.reload();
    await page.getByTestId('session-item').first().waitFor();
    expect(await page.getByTestId('session-item').count()).toBe(1);
  });

  it('deletes the account only with the password, then the credentials are gone', async () => {
    screenshotOnFailure(() => page, 'account-delete');
    const form = page.getByRole('form', { name: 'Delete account' });
    await form.getByLabel('Password, to confirm the deletion').fill('not my password');
    await form.getByRole('button', { name: 'Delete account' }).click();
    await form.getByRole('button', { name: /Yes, delete my account/ }).click();
    await form.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');

    await form.getByLabel('Password, to confirm the deletion').fill(newPassword);
    await form.getByRole('button', { name: 'Delete account' }).click();
    await form.getByRole('button', { name: /Yes, delete my account/ }).click();
    await page.waitForURL(`${app.url}/sign-up`);

    await signIn(other, newPassword);
    await other.getByRole('alert').waitFor();
    expect(new URL(other.url()).pathname).toBe('/sign-in');
  });
});
