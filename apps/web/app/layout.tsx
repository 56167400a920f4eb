import type { Metadata, Viewport } from 'next';
import { cookies, headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { appName } from '@/lib/env.server';
import { directionOf, isLocale } from '@/lib/locale';
import { THEME_COOKIE, themeOf } from '@/lib/theme';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: appName(), description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

/**
 * Every page renders per request: the Content-Security-Policy nonce (proxy.ts) is new each time,
 * and Next stamps it on its scripts only in a dynamic render. Reading it here makes that so.
 * The language (i18n/request.ts) sets `lang` and `dir`: Urdu mirrors the layout (ADR 015).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  const locale = await getLocale();
  return (
    <html lang={locale} dir={isLocale(locale) ? directionOf(locale) : 'ltr'} data-theme={theme}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
