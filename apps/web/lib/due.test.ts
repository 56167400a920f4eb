import { describe, expect, it } from 'vitest';
import { dayIn, dueDay, dueInfo, dueLabel } from './due';

const day = (due_date: string) => ({ due_date, due_at: null });
const at = (due_at: string) => ({ due_date: null, due_at });

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
    expect(dueLabel(day('2026-11-24'), 'Pacific/Kiritimati', now)).toMatch(/24/);
  });

  it.each([
    ['2026-11-23', false, 'overdue'],
    ['2026-11-24', false, 'today'],
    ['2026-11-25', false, 'upcoming'],
    ['2026-11-23', true, 'upcoming'],
  ])('all-day %s (completed %s) is %s in Honolulu', (date, completed, state) => {
    expect(dueInfo(day(date), completed, now, 'Pacific/Honolulu')?.state).toBe(state);
  });

  it('"today" follows the user’s zone: 24 Nov is already yesterday in Kiritimati', () => {
    expect(dueInfo(day('2026-11-24'), false, now, 'Pacific/Kiritimati')?.state).toBe('overdue');
    expect(dueInfo(day('2026-11-25'), false, now, 'Pacific/Kiritimati')?.state).toBe('today');
  });

  it('a due time earlier today is overdue; later today is due today', () => {
    expect(dueInfo(at('2026-11-24T09:30:00Z'), false, now, 'UTC')?.state).toBe('overdue');
    expect(dueInfo(at('2026-11-24T18:00:00Z'), false, now, 'UTC')).toMatchObject({
      state: 'today',
      day: '2026-11-24',
    });
  });

  it('shows the time of a due time in the user’s zone', () => {
    const due = at('2026-11-24T18:00:00Z');
    const inTokyo = dueLabel(due, 'Asia/Tokyo', now);
    const inNewYork = dueLabel(due, 'America/New_York', now);
    expect(inTokyo).toMatch(/3:00|03:00/); // 03:00 on the 25th
    expect(inNewYork).toMatch(/1:00|13:00/); // 13:00 on the 24th
    expect(inTokyo).not.toBe(inNewYork);
  });

  it('names the year only when it is not this year', () => {
    expect(dueLabel(day('2027-01-05'), 'UTC', now)).toMatch(/2027/);
    expect(dueLabel(day('2026-12-05'), 'UTC', now)).not.toMatch(/2026/);
  });

  it('no due, no mark', () => {
    expect(dueInfo({ due_date: null, due_at: null }, false, now, 'UTC')).toBeNull();
  });
});
