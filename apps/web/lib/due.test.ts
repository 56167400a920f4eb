import { describe, expect, it } from 'vitest';
import { dueDay, dueInfo, isDateOnly, localDay } from './due';

describe('due dates', () => {
  const now = new Date(2026, 10, 24, 15, 0); // 24 Nov 2026, 15:00 local

  it('a calendar-day due date means that day in every time zone', () => {
    expect(isDateOnly('2026-11-24T00:00:00.000Z')).toBe(true);
    expect(dueDay('2026-11-24T00:00:00.000Z')).toBe('2026-11-24');
  });

  it.each([
    ['2026-11-23T00:00:00.000Z', false, 'overdue'],
    ['2026-11-24T00:00:00.000Z', false, 'today'],
    ['2026-11-25T00:00:00.000Z', false, 'upcoming'],
    ['2026-11-23T00:00:00.000Z', true, 'upcoming'],
  ])('%s (completed %s) is %s', (iso, completed, state) => {
    expect(dueInfo(iso, completed, now)?.state).toBe(state);
  });

  it('a due time earlier today is overdue; later today is due today', () => {
    const earlier = new Date(2026, 10, 24, 9, 30).toISOString();
    const later = new Date(2026, 10, 24, 18, 0).toISOString();
    expect(dueInfo(earlier, false, now)?.state).toBe('overdue');
    expect(dueInfo(later, false, now)).toMatchObject({ state: 'today', day: localDay(now) });
  });

  it('no due date, no mark', () => {
    expect(dueInfo(null, false, now)).toBeNull();
  });
});
