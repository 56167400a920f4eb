import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Theme } from '@/lib/theme';
import { NotificationBell } from './notifications/notification-bell';
import { OfflineBanner } from './offline-banner';
import { SignOutButton } from './sign-out-button';
import { ThemeSelect } from './theme-select';

/**
 * The signed-in layout: header, the board, and the assistant's column (right on wide screens,
 * a drawer on small ones; the assistant component owns its toggle).
 */
export async function AppShell({
  appName,
  email,
  children,
  assistant,
  theme,
  title,
}: {
  appName: string;
  email: string;
  theme: Theme;
  title?: string;
  children: ReactNode;
  assistant?: ReactNode;
}) {
  const t = await getTranslations('shell');
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
      >
        {t('skipToTasks')}
      </a>
      <OfflineBanner />
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold" data-testid="app-name">
            {appName}
          </Link>
          <div className="flex min-w-0 items-center gap-2 text-sm">
            <span className="truncate text-slate-600 dark:text-slate-400" data-testid="user-email">
              {email}
            </span>
            <NotificationBell />
            <ThemeSelect initial={theme} />
            <Link href="/settings" prefetch={false} className="btn-ghost">
              {t('settings')}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto grid max-w-7xl grid-cols-1 gap-6 px-4 py-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <main id="main" className="min-w-0">
          <h1 className="mb-4 text-xl font-semibold">{title ?? t('yourTasks')}</h1>
          {children}
        </main>
        {assistant}
      </div>
    </div>
  );
}
