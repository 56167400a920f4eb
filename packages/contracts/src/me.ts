import { z } from 'zod';
import { ZTimeZone, ZWeekStart } from './dates.js';

/** The languages the web app and the assistant speak: English and Urdu (right to left). */
export const LOCALES = ['en', 'ur'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

/** The signed-in user's profile and the preferences every date computation follows. */
export const ZMe = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  time_zone: z.string(),
  week_start: ZWeekStart,
  locale: ZLocale,
});
export type TMe = z.infer<typeof ZMe>;

export const ZUpdateMeRequest = z
  .strictObject({
    name: z.string().trim().min(1, 'Name is required').max(100).optional(),
    time_zone: ZTimeZone.optional(),
    week_start: ZWeekStart.optional(),
    locale: ZLocale.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change');
export type TUpdateMe = z.output<typeof ZUpdateMeRequest>;
