import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayWords, gridDays, startOfWeek } from './calendar-days';

describe('calendar days', () => {
  it('walks the calendar, not hours, across month, year and DST changes', () => {
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
  });

  it('starts weeks on the user’s day', () => {
    // 2026-12-02 is a Wednesday.
    expect(startOfWeek('2026-12-02', 'monday')).toBe('2026-11-30');
    expect(startOfWeek('2026-12-02', 'sunday')).toBe('2026-11-29');
    expect(startOfWeek('2026-12-02', 'saturday')).toBe('2026-11-28');
    expect(startOfWeek('2026-11-30', 'monday')).toBe('2026-11-30');
  });

  it('covers a month with whole weeks and a week with seven days', () => {
    const december = gridDays('2026-12-15', 'month', 'monday');
    expect(december[0]).toBe('2026-11-30');
    expect(december.at(-1)).toBe('2027-01-03');
    expect(december).toHaveLength(35);
    // February 2026 starts on a Sunday: exactly four weeks from a Sunday start.
    expect(gridDays('2026-02-10', 'month', 'sunday')).toHaveLength(28);
    expect(gridDays('2026-12-02', 'week', 'sunday')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
  });
});

describe('a plain date in words', () => {
  const long = { weekday: 'long', day: 'numeric', month: 'long' } as const;

  it('is the same day in every language, in that language’s words', () => {
    expect(dayWords('2026-12-02', long, 'en')).toBe('Wednesday, December 2');
    expect(dayWords('2026-12-02', long, 'ur')).toMatch(/بدھ/);
    expect(dayWords('2026-12-02', long, 'ur')).toMatch(/دسمبر/);
    expect(dayWords('2026-12-02', long, 'ur')).toMatch(/2/);
  });
});
