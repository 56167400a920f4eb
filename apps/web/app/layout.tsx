import type { Metadata, Viewport } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { appName } from '@/lib/env.server';
import { THEME_COOKIE, themeOf } from '@/lib/theme';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: appName(), description: 'Tasks, with an assistant that manages them for you.' };
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
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
