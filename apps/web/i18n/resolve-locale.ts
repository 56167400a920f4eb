import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '@/lib/locale';

/**
 * The language a page renders in: the signed-in user's setting, else the cookie picked on the
 * sign-in page, else the browser's Accept-Language, else English (ADR 014).
 */
export function resolveLocale(sources: {
  user?: unknown;
  cookie?: string;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(sources.user)) return sources.user;
  if (isLocale(sources.cookie)) return sources.cookie;
  if (sources.acceptLanguage) {
    const negotiator = new Negotiator({ headers: { 'accept-language': sources.acceptLanguage } });
    const preferred = negotiator.language([...LOCALES]);
    if (isLocale(preferred)) return preferred;
  }
  return DEFAULT_LOCALE;
}
