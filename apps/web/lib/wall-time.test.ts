import { describe, expect, it } from 'vitest';
import { wallTimeToInstant } from './wall-time';

describe('wallTimeToInstant', () => {
  it('reads a wall-clock time in the given zone, across DST', () => {
    expect(wallTimeToInstant('2026-12-24T09:00', 'Europe/Paris')).toBe('2026-12-24T08:00:00.000Z');
    expect(wallTimeToInstant('2026-07-01T09:00', 'Europe/Paris')).toBe('2026-07-01T07:00:00.000Z');
    expect(wallTimeToInstant('2026-03-09T09:00', 'America/New_York')).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(wallTimeToInstant('2026-03-07T09:00', 'America/New_York')).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(wallTimeToInstant('2026-12-24T09:00', 'UTC')).toBe('2026-12-24T09:00:00.000Z');
    expect(wallTimeToInstant('2026-12-24T09:00', 'Asia/Kolkata')).toBe('2026-12-24T03:30:00.000Z');
  });
});
