import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE } from '@/lib/locale';
import { getSession } from '@/lib/session.server';
import { resolveLocale } from './resolve-locale';

/**
 * next-intl without i18n routing (ADR 014): URLs carry no language; each request resolves it
 * from the user's setting, the sign-in page's cookie or Accept-Language. Messages are compiled at
 * build time (next.config.ts), so the browser gets no ICU parser.
 */
export default getRequestConfig(async () => {
  const [session, cookieStore, incoming] = await Promise.all([getSession(), cookies(), headers()]);
  const locale = resolveLocale({
    user: session.kind === 'signed-in' ? session.user.locale : undefined,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: incoming.get('accept-language'),
  });
  return { locale, messages: (await import(`../messages/${locale}.json`)).default };
});
