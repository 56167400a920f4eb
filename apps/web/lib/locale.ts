/**
 * The languages of the web app (the API's `locale` enum) and what follows from each. Plain
 * values, so client components can import them without the shared zod contract (ADR 012).
 */
export const LOCALES = ['en', 'ur'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Before an account exists (sign-in, sign-up) the language picked is kept in this cookie. */
export const LOCALE_COOKIE = 'locale';

/** Each language's name in itself, for the pickers. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ur: 'اردو' };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** Urdu is written right to left; the layout mirrors with it (ADR 015). */
export const directionOf = (locale: Locale): 'ltr' | 'rtl' => (locale === 'ur' ? 'rtl' : 'ltr');

/** Keeps the language for a year, so the server renders the next page in it. */
export function rememberLocale(locale: Locale) {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; no store is needed
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
