import { describe, expect, it } from 'vitest';
import { dayIn, dueDay, dueInfo, dueLabel, groupByDueDay } from './due';

const day = (due_date: string) => ({ due_date, due_at: null });
const at = (due_at: string) => ({ due_date: null, due_at });
const ENGLISH_DAYS = {
  yesterday: 'Yesterday',
  today: 'Today',
  tomorrow: 'Tomorrow',
  none: 'No date',
};

describe('due dates in the user’s time zone', () => {
  // 24 Nov 2026 15:00 UTC: already 25 Nov in Kiritimati (UTC+14), still 24 Nov in Honolulu.
  const now = new Date('2026-11-24T15:00:00Z');

  it('the day of an instant depends on the zone, not on the browser', () => {
    expect(dayIn(now, 'Pacific/Kiritimati')).toBe('2026-11-25');
    expect(dayIn(now, 'Pacific/Honolulu')).toBe('2026-11-24');
    expect(dueDay(at('2026-11-24T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-25');
  });

  it('an all-day due is that calendar day in every zone', () => {
    expect(dueDay(day('2026-11-24'), 'Pacific/Kiritimati')).toBe('2026-11-24');
    expect(dueLabel(day('2026-11-24'), 'Pacific/Kiritimati', now, 'en')).toMatch(/24/);
  });

  it.each([
    ['2026-11-23', false, 'overdue'],
    ['2026-11-24', false, 'today'],
    ['2026-11-25', false, 'upcoming'],
    ['2026-11-23', true, 'upcoming'],
  ])('all-day %s (completed %s) is %s in Honolulu', (date, completed, state) => {
    expect(dueInfo(day(date), completed, now, 'Pacific/Honolulu', 'en')?.state).toBe(state);
  });

  it('"today" follows the user’s zone: 24 Nov is already yesterday in Kiritimati', () => {
    expect(dueInfo(day('2026-11-24'), false, now, 'Pacific/Kiritimati', 'en')?.state).toBe(
      'overdue',
    );
    expect(dueInfo(day('2026-11-25'), false, now, 'Pacific/Kiritimati', 'en')?.state).toBe('today');
  });

  it('a due time earlier today is overdue; later today is due today', () => {
    expect(dueInfo(at('2026-11-24T09:30:00Z'), false, now, 'UTC', 'en')?.state).toBe('overdue');
    expect(dueInfo(at('2026-11-24T18:00:00Z'), false, now, 'UTC', 'en')).toMatchObject({
      state: 'today',
      day: '2026-11-24',
    });
  });

  it('shows the time of a due time in the user’s zone', () => {
    const due = at('2026-11-24T18:00:00Z');
    const inTokyo = dueLabel(due, 'Asia/Tokyo', now, 'en');
    const inNewYork = dueLabel(due, 'America/New_York', now, 'en');
    expect(inTokyo).toMatch(/3:00|03:00/); // 03:00 on the 25th
    expect(inNewYork).toMatch(/1:00|13:00/); // 13:00 on the 24th
    expect(inTokyo).not.toBe(inNewYork);
  });

  it('names the year only when it is not this year', () => {
    expect(dueLabel(day('2027-01-05'), 'UTC', now, 'en')).toMatch(/2027/);
    expect(dueLabel(day('2026-12-05'), 'UTC', now, 'en')).not.toMatch(/2026/);
  });

  it('speaks the user’s language: Urdu month and weekday names, the time in the user’s zone', () => {
    const urdu = dueLabel(at('2026-11-24T18:00:00Z'), 'Asia/Karachi', now, 'ur');
    expect(urdu).toMatch(/نومبر/); // November
    expect(urdu).toMatch(/منگل/); // Tuesday: 18:00 UTC is 23:00 on the 24th in Karachi
    expect(urdu).toMatch(/11:00/);
    expect(urdu).not.toBe(dueLabel(at('2026-11-24T18:00:00Z'), 'Asia/Karachi', now, 'en'));
    expect(dueLabel(day('2026-12-05'), 'UTC', now, 'ur')).toMatch(/دسمبر/);
    expect(dueLabel(day('2026-12-05'), 'UTC', now, 'en')).toMatch(/Dec/);
  });

  it('no due, no mark', () => {
    expect(dueInfo({ due_date: null, due_at: null }, false, now, 'UTC', 'en')).toBeNull();
  });
});

describe('grouping a due-ordered page by the day it is due, in the user’s zone', () => {
  // 24 Nov 2026 15:00 UTC is 25 Nov in Kiritimati (UTC+14) and 24 Nov in Honolulu (UTC−10).
  const now = new Date('2026-11-24T15:00:00Z');
  const tasks = [
    { id: 1, ...day('2026-11-23') },
    { id: 2, ...at('2026-11-24T20:00:00Z') },
    { id: 3, ...day('2026-11-25') },
    { id: 4, ...day('2026-11-25') },
    { id: 5, ...day('2026-12-02') },
    { id: 6, due_date: null, due_at: null },
  ];
  const shape = (zone: string) =>
    groupByDueDay(tasks, zone, now, 'asc', 'en', ENGLISH_DAYS).map((g) => [
      g.heading,
      g.tasks.map((t) => t.id),
    ]);

  it('names yesterday, today and tomorrow from Honolulu', () => {
    expect(shape('Pacific/Honolulu')).toEqual([
      ['Yesterday', [1]],
      ['Today', [2]],
      ['Tomorrow', [3, 4]],
      [dueLabel(day('2026-12-02'), 'Pacific/Honolulu', now, 'en'), [5]],
      ['No date', [6]],
    ]);
  });

  it('gathers a day’s tasks even when the page order interleaves them, and follows the order', () => {
    const interleaved = [
      { id: 1, ...at('2026-11-25T20:00:00Z') },
      { id: 2, ...day('2026-11-26') },
      { id: 3, ...day('2026-11-25') },
    ];
    const days = (order: 'asc' | 'desc') =>
      groupByDueDay(interleaved, 'Pacific/Honolulu', now, order, 'en', ENGLISH_DAYS).map((g) => [
        g.day,
        g.tasks.map((t) => t.id),
      ]);
    expect(days('asc')).toEqual([
      ['2026-11-25', [1, 3]],
      ['2026-11-26', [2]],
    ]);
    expect(days('desc')).toEqual([
      ['2026-11-26', [2]],
      ['2026-11-25', [1, 3]],
    ]);
  });

  it('the same instant is a day later in Kiritimati: 20:00 UTC on the 24th is the 25th there', () => {
    expect(shape('Pacific/Kiritimati').slice(0, 3)).toEqual([
      [dueLabel(day('2026-11-23'), 'Pacific/Kiritimati', now, 'en'), [1]],
      ['Today', [2, 3, 4]],
      [dueLabel(day('2026-12-02'), 'Pacific/Kiritimati', now, 'en'), [5]],
    ]);
  });
});
