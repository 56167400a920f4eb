import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export type NewTask = {
  title: string;
  description?: string;
  priority?: 'low' | 'medium' | 'high';
  due?: string;
  tags?: string;
};

/** The board as a test sees it: stable hooks are data-testid attributes and labels. */
export class BoardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async signUp(email: string, password = 'correct horse battery') {
    await this.page.goto(`${this.baseUrl}/sign-up`);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.page.waitForURL(`${this.baseUrl}/`);
    await this.waitForList();
  }

  async signOut() {
    await this.page.getByTestId('sign-out').click();
    await this.page.waitForURL(`${this.baseUrl}/sign-in`);
  }

  /** Waits until the board shows tasks or its empty state (not the skeleton). */
  /** The list as React shows it: the server's HTML is there before the page reacts to keys. */
  async waitForList() {
    await this.page.locator('[data-testid="board"][data-hydrated="true"]').waitFor();
    await this.page
      .locator('[data-testid="task-list"], [data-testid="board-empty"]')
      .first()
      .waitFor();
  }

  form(): Locator {
    return this.page.getByTestId('create-form');
  }

  quickAdd(): Locator {
    return this.form().getByLabel('Add a task');
  }

  /** Adds through the quick-add line: "Buy milk !high 2026-12-03 #errands". */
  async create(task: NewTask) {
    const form = this.form();
    const tags = (task.tags ?? '').split(/[\s,]+/).filter(Boolean);
    const words = [
      task.title,
      task.priority ? `!${task.priority}` : '',
      task.due ?? '',
      ...tags.map((tag) => `#${tag}`),
    ];
    if (task.description) {
      await form.getByText('More options').click();
      await form.getByLabel('Description').fill(task.description);
    }
    await this.quickAdd().fill(words.filter(Boolean).join(' '));
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await this.item(task.title).waitFor();
    // The saved row has a real id (optimistic rows use a temporary negative one).
    await this.page.waitForFunction(
      (title) =>
        [...document.querySelectorAll('[data-testid="task-item"]')].some(
          (el) =>
            el.querySelector('[data-testid="task-title"]')?.textContent === title &&
            Number(el.getAttribute('data-task-id')) > 0,
        ),
      task.title,
    );
  }

  item(title: string): Locator {
    return this.page
      .getByTestId('task-item')
      .filter({ has: this.page.getByTestId('task-title').getByText(title, { exact: true }) });
  }

  async titles(): Promise<string[]> {
    await this.waitForList();
    return this.page.getByTestId('task-title').allTextContents();
  }

  /** Waits until the visible titles are exactly these (in order). */
  async expectTitles(expected: string[]) {
    await expect.poll(() => this.titles(), { timeout: 10_000 }).toEqual(expected);
  }

  async count(status: 'all' | 'pending' | 'completed'): Promise<string> {
    return (await this.page.getByTestId(`count-${status}`).textContent()) ?? '';
  }

  async expectCounts(all: number, pending: number, completed: number) {
    await expect
      .poll(
        async () => [
          await this.count('all'),
          await this.count('pending'),
          await this.count('completed'),
        ],
        {
          timeout: 10_000,
        },
      )
      .toEqual([String(all), String(pending), String(completed)]);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A local calendar day relative to today, as the date input takes it. */
export function dayFromToday(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
