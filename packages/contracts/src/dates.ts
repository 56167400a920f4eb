import { z } from 'zod';

/** Dates and zones shared by the API and the web app. */

/** True for an IANA zone name the platform's time-zone data knows ("Europe/Paris", "UTC"). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z
  .string()
  .trim()
  .min(1, 'Time zone is required')
  .max(64, 'Time zone must be at most 64 characters')
  .refine(isKnownTimeZone, 'Unknown time zone: use an IANA name such as "Europe/Paris"')
  .describe('IANA time zone, e.g. "America/New_York"');

export const ZWeekStart = z.enum(['monday', 'sunday', 'saturday']);
export type TWeekStart = z.infer<typeof ZWeekStart>;

/** A calendar date ("2026-12-24"): an all-day due in the owner's time zone. */
export const ZCalendarDate = z.iso
  .date({ message: 'Use a calendar date, YYYY-MM-DD' })
  .describe('Calendar date, YYYY-MM-DD');

/**
 * An instant given with its offset ("2026-12-24T09:00:00-05:00"). Without an offset a time means
 * nothing on its own, so it is a 400 rather than a guess; stored and returned in UTC.
 */
export const ZInstant = z.iso
  .datetime({
    offset: true,
    message: 'Use an ISO 8601 date-time with an offset, e.g. 2026-12-24T09:00:00-05:00',
  })
  .transform((value) => new Date(value).toISOString())
  .describe('ISO 8601 date-time with offset');
