import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { repoRoot } from './servers';

export const screenshotDir = join(repoRoot, 'test-results', 'web');

/**
 * Debian's Chromium through playwright-core. `launch` gives every browser a fresh temporary
 * profile (user-data-dir), removed when it closes.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Call inside a test: on failure the page is saved to test-results/web/. */
export function screenshotOnFailure(page: () => Page | undefined, name: string) {
  onTestFailed(async () => {
    const current = page();
    if (current && !current.isClosed()) {
      const path = await screenshot(current, `failed-${name}`).catch(() => null);
      if (path) console.log(`screenshot saved: ${path}`);
    }
  });
}

/** axe-core in the page; returns serious and critical violations only. */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
}

/** axe-core in the page: every violation of WCAG 2.1 A/AA, whatever its impact. */
export async function allViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
}

/**
 * Chromium with a real (temporary) profile rather than an incognito-like context: what an
 * installed app needs (Chromium refuses to install from incognito). Removed when it closes.
 */
export async function launchProfile(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'todo-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
    headless: true,
    ...options,
  });
  context.on('close', () => rmSync(profile, { recursive: true, force: true }));
  return context;
}

/**
 * The app's API called as the signed-in page calls it (its cookies, the app's Origin), for
 * arranging and checking state around a journey; any answer but 2xx fails the test.
 */
export function apiThroughPage(target: () => { page: Page; url: string }) {
  return async <T>(path: string, init: { method?: string; data?: unknown } = {}): Promise<T> => {
    const { page, url } = target();
    const method = init.method ?? 'GET';
    const response = await page.request.fetch(`${url}${path}`, {
      method,
      data: init.data,
      headers: { origin: url },
    });
    expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
    return (await response.json()) as T;
  };
}
